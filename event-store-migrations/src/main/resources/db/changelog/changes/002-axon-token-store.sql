--liquibase formatted sql

--changeset order-platform:002-token-entry
-- Tracking tokens of the streaming event processors: one row per processor segment. A
-- projection's updates commit in the same transaction as its token (exactly-once effect).
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    CONSTRAINT token_entry_pkey PRIMARY KEY (processor_name, segment)
);
--rollback DROP TABLE token_entry;
