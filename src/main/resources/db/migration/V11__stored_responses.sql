-- The Responses API's stored responses (store: true, the default): read back with GET /v1/responses/{id} and
-- /input_items, continued with previous_response_id, per tenant, until expires_at (router.responses.retention).
-- history is the conversation as chat messages, so a continuation needs one row, not a walk along the chain.
-- Portable between H2 and PostgreSQL.
CREATE TABLE stored_responses (
    id           VARCHAR(64)  PRIMARY KEY,
    tenant_id    VARCHAR(40)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    response     TEXT         NOT NULL,
    input_items  TEXT         NOT NULL,
    history      TEXT         NOT NULL
);
CREATE INDEX stored_responses_expiry ON stored_responses (expires_at);
