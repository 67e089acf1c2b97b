--liquibase formatted sql

--changeset order-platform:010-api-keys
-- API keys: only a SHA-256 of each key is stored (keys are long random strings, so a fast hash is
-- enough; the key itself is shown once, when created). customer_id set: the key acts for that
-- customer only (its own orders).
CREATE TABLE api_key (
    id          UUID                     NOT NULL PRIMARY KEY,
    name        TEXT                     NOT NULL,
    key_hash    TEXT                     NOT NULL,
    key_prefix  TEXT                     NOT NULL,
    scopes      TEXT[]                   NOT NULL,
    customer_id TEXT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_key_hash_unique UNIQUE (key_hash)
);
CREATE INDEX api_key_page_idx ON api_key (created_at, id);
--rollback DROP TABLE api_key;
