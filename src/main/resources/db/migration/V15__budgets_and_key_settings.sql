-- Spend control (budgets per key and per workspace, key scopes, expiry, per-key limits). Portable H2 / PostgreSQL.

-- A budget of a key ('key:<id>') or a workspace ('tenant:<id>'): USD and/or tokens per period (day, week,
-- month: UTC calendar periods; none: lifetime). At least one of the two limits is set.
CREATE TABLE budgets (
    subject       VARCHAR(60)  PRIMARY KEY,
    tenant_id     VARCHAR(40)  NOT NULL,
    limit_cents   NUMERIC(24, 10),
    limit_tokens  BIGINT,
    period        VARCHAR(10)  NOT NULL,
    alert_percent INTEGER      NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX budgets_tenant ON budgets (tenant_id);

-- What each key and each workspace spent per period, kept by the usage ledger in the same transaction as its
-- rows (as usage_totals is for the trial): budgets read one row per subject instead of summing the ledger.
CREATE TABLE spend_totals (
    subject      VARCHAR(60) NOT NULL,
    period       VARCHAR(10) NOT NULL,
    period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    tokens       BIGINT      NOT NULL,
    cost_cents   NUMERIC(24, 10) NOT NULL,
    PRIMARY KEY (subject, period, period_start)
);

-- Per-key settings; NULL = none (no expiry, every model, the workspace's limits only).
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_keys ADD COLUMN scopes VARCHAR(4000);
ALTER TABLE api_keys ADD COLUMN rate_limit_rps INTEGER;
ALTER TABLE api_keys ADD COLUMN tokens_per_minute BIGINT;
ALTER TABLE api_keys ADD COLUMN metadata VARCHAR(4000);

-- The dashboard's Usage page filters by key.
CREATE INDEX usage_records_key_time ON usage_records (key_id, created_at);

-- Lifetime spend so far, so a lifetime budget set on an existing key or workspace counts its history. (The
-- current day, week and month start from this migration: their totals are kept from here on.)
INSERT INTO spend_totals (subject, period, period_start, tokens, cost_cents)
SELECT 'key:' || key_id, 'none', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00',
       SUM(prompt_tokens + completion_tokens), SUM(cost_cents)
FROM usage_records GROUP BY key_id;
INSERT INTO spend_totals (subject, period, period_start, tokens, cost_cents)
SELECT 'tenant:' || tenant_id, 'none', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00',
       SUM(prompt_tokens + completion_tokens), SUM(cost_cents)
FROM usage_records GROUP BY tenant_id;
