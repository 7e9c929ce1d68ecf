-- Every tenant's all-time token total, kept by the usage ledger in the same transaction as its rows, so the
-- trial balance reads one row per tenant instead of summing the tenant's whole history every few seconds.
CREATE TABLE usage_totals (
    tenant_id VARCHAR(40) PRIMARY KEY,
    tokens    BIGINT      NOT NULL
);
INSERT INTO usage_totals (tenant_id, tokens)
SELECT tenant_id, SUM(prompt_tokens + completion_tokens) FROM usage_records GROUP BY tenant_id;
