-- The request log the dashboard searches: one row per API request of a known tenant, answered or not (the usage
-- ledger holds only the answered ones), with what an operator asks about a request: status, attempts, time to first
-- token, trace id. Written in batches off the request path (requestlog/RequestLogWriter).
CREATE TABLE request_log (
    request_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id         VARCHAR(40)  NOT NULL,
    key_id            VARCHAR(40)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    surface           VARCHAR(20)  NOT NULL,
    model             VARCHAR(200),
    answering_model   VARCHAR(200),
    provider          VARCHAR(40),
    tier              VARCHAR(20),
    status            INTEGER      NOT NULL,
    failover_count    INTEGER      NOT NULL,
    cache_hit         BOOLEAN      NOT NULL,
    stream            BOOLEAN      NOT NULL,
    latency_ms        BIGINT       NOT NULL,
    ttft_ms           BIGINT,
    prompt_tokens     BIGINT       NOT NULL,
    completion_tokens BIGINT       NOT NULL,
    cost_cents        NUMERIC(24, 10) NOT NULL,
    trace_id          VARCHAR(32),
    attempts          VARCHAR(8000) NOT NULL
);
CREATE INDEX request_log_tenant_time ON request_log (tenant_id, created_at);
