-- Idempotency-Key on POST /v1/...: the first answer per workspace and key, kept for router.idempotency.ttl (24 h)
-- and replayed to a retry; shared by every instance. Portable between H2 and PostgreSQL.
CREATE TABLE idempotent_requests (
    tenant_id    VARCHAR(40)  NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    state        VARCHAR(10)  NOT NULL,
    content_type VARCHAR(100),
    answer       TEXT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);
CREATE INDEX idempotent_requests_created ON idempotent_requests (created_at);
