-- An answered request's request-log line is its ledger row: the ledger row gains what the request log adds (time to
-- first token, trace id, attempts), and request_log keeps only requests that were not billed (refused, failed).
-- One row per answered request instead of two: the second insert was most of what the request log cost per request.
ALTER TABLE usage_records ADD COLUMN ttft_ms BIGINT;
ALTER TABLE usage_records ADD COLUMN trace_id VARCHAR(32);
ALTER TABLE usage_records ADD COLUMN attempts VARCHAR(8000);

UPDATE usage_records SET
    ttft_ms = (SELECT r.ttft_ms FROM request_log r WHERE r.request_id = usage_records.request_id),
    trace_id = (SELECT r.trace_id FROM request_log r WHERE r.request_id = usage_records.request_id),
    attempts = (SELECT r.attempts FROM request_log r WHERE r.request_id = usage_records.request_id)
WHERE request_id IN (SELECT request_id FROM request_log);

DELETE FROM request_log WHERE request_id IN (SELECT request_id FROM usage_records);

-- Every ledger row paid an insert into this index; the usage page's key filter always names the tenant and the
-- period too, which (tenant_id, created_at) already narrows.
DROP INDEX usage_records_key_time;
