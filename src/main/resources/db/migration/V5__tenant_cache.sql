-- Per-tenant response-cache switch and TTL; NULL means the router's default (router.cache.*).
ALTER TABLE tenants ADD COLUMN cache_enabled BOOLEAN;
ALTER TABLE tenants ADD COLUMN cache_ttl_seconds INTEGER;
