--liquibase formatted sql

--changeset order-platform:016-projection-rebuilds
-- The last rebuild of each read model, kept where every node and every restart sees it: a
-- rebuild runs in one node's memory, and when that node dies mid-way the admin API must still say
-- that it was interrupted (the active slot unchanged, the inactive one half filled) rather than
-- show nothing. A running rebuild touches heartbeat_at every few seconds; a row still building
-- whose heartbeat stopped belongs to a node that is gone. (016: 015 is the staged contract step.)
CREATE TABLE projection_rebuild (
    processing_group VARCHAR(255) PRIMARY KEY,
    target_slot      VARCHAR(1)   NOT NULL,
    state            VARCHAR(20)  NOT NULL,
    node             VARCHAR(255) NOT NULL,
    started_at       TIMESTAMPTZ  NOT NULL,
    heartbeat_at     TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    error            TEXT
);
--rollback DROP TABLE projection_rebuild;
