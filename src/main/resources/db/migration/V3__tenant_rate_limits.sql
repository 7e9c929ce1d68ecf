-- Per-tenant overrides of the request rate limit; NULL means "the router's default"
-- (router.ratelimit.default-rps / default-burst). Portable between H2 and PostgreSQL.
ALTER TABLE tenants ADD COLUMN rate_limit_rps INTEGER;
ALTER TABLE tenants ADD COLUMN rate_limit_burst INTEGER;
