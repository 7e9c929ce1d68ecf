-- Which API a ledger row's request came through (chat, responses, embeddings, completions, moderations, ...);
-- NULL on rows written before the column existed (all of them chat completions).
ALTER TABLE usage_records ADD COLUMN surface VARCHAR(20);
