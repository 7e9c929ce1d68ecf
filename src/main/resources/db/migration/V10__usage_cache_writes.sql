-- Prompt tokens a provider wrote to its prompt cache (Anthropic's cache_creation_input_tokens), billed at their
-- own price; part of prompt_tokens, like cached_tokens (the tokens read from it).
ALTER TABLE usage_records ADD COLUMN cache_write_tokens BIGINT DEFAULT 0 NOT NULL;
