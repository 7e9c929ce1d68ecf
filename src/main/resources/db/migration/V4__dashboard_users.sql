-- People who sign in to the dashboard; each belongs to one tenant. Portable between H2 and PostgreSQL.
-- Emails are stored lower-cased, so the unique index is case-insensitive on both.
CREATE TABLE dashboard_users (
    id              VARCHAR(40)  PRIMARY KEY,
    tenant_id       VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    email           VARCHAR(320) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX dashboard_users_email ON dashboard_users (email);
CREATE INDEX dashboard_users_tenant ON dashboard_users (tenant_id);
