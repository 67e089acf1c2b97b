--liquibase formatted sql

--changeset order-platform:005-idempotency-key
-- Responses to requests sent with an Idempotency-Key, replayed to retries until expires_at.
-- Keys are scoped per client (the authenticated caller).
CREATE TABLE idempotency_key (
    client_id             VARCHAR(255)  NOT NULL,
    idempotency_key       VARCHAR(255)  NOT NULL,
    request_fingerprint   CHAR(64)      NOT NULL,
    request_method        VARCHAR(16)   NOT NULL,
    request_path          VARCHAR(2048) NOT NULL,
    response_status       SMALLINT      NOT NULL,
    response_content_type VARCHAR(255),
    response_headers      JSONB         NOT NULL,
    response_body         BYTEA,
    created_at            TIMESTAMPTZ   NOT NULL,
    expires_at            TIMESTAMPTZ   NOT NULL,
    CONSTRAINT idempotency_key_pkey PRIMARY KEY (client_id, idempotency_key)
);

-- the cleanup job deletes by expiry
CREATE INDEX idempotency_key_expires_at_idx ON idempotency_key (expires_at);
--rollback DROP TABLE idempotency_key;
