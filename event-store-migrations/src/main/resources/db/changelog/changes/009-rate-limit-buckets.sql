--liquibase formatted sql

--changeset order-platform:009-rate-limit-buckets
-- Bucket4j's token buckets, one row per client (an API key, or an address for anonymous calls).
-- Every node reads and writes them under SELECT ... FOR UPDATE: a limit holds across the cluster.
CREATE TABLE rate_limit_bucket (
    id    TEXT  NOT NULL PRIMARY KEY,
    state BYTEA
);
--rollback DROP TABLE rate_limit_bucket;
