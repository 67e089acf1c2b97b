--liquibase formatted sql

--changeset order-platform:011-server-secrets
-- Secrets the nodes must share and no one has to configure: the key that signs pagination cursors,
-- made by the first node that starts. A configured key (ORDERS_CURSOR_KEYS) takes precedence.
CREATE TABLE server_secret (
    name       TEXT                     NOT NULL PRIMARY KEY,
    secret     BYTEA                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
--rollback DROP TABLE server_secret;
