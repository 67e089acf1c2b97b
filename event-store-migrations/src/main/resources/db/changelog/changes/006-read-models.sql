--liquibase formatted sql

--changeset order-platform:006-read-model-slot
-- Every read model exists twice (slots a and b): queries and the live projection use the active
-- slot, a zero-downtime rebuild fills the other one and then flips this pointer. Any later change
-- to a read model table must be made to both slots.
CREATE TABLE read_model_slot (
    read_model  VARCHAR(64) NOT NULL,
    active_slot CHAR(1)     NOT NULL,
    switched_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT read_model_slot_pkey PRIMARY KEY (read_model),
    CONSTRAINT read_model_slot_active_slot_check CHECK (active_slot IN ('a', 'b'))
);
INSERT INTO read_model_slot (read_model, active_slot) VALUES ('order-summary', 'a'), ('order-detail', 'a'), ('customer-stats', 'a');
--rollback DROP TABLE read_model_slot;

--changeset order-platform:006-order-summary
-- One row per order for the list query. Keyset pagination runs on (created_at, order_id); each
-- filter combination has an index that starts with its equality columns and ends with that key.
CREATE TABLE order_summary_a (
    order_id    VARCHAR(64) NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    status      VARCHAR(32) NOT NULL,
    total_minor BIGINT      NOT NULL,
    currency    CHAR(3)     NOT NULL,
    line_count  INTEGER     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL,
    CONSTRAINT order_summary_a_pkey PRIMARY KEY (order_id)
);
CREATE INDEX order_summary_a_created_idx ON order_summary_a (created_at, order_id);
CREATE INDEX order_summary_a_customer_created_idx ON order_summary_a (customer_id, created_at, order_id);
CREATE INDEX order_summary_a_status_created_idx ON order_summary_a (status, created_at, order_id);
CREATE INDEX order_summary_a_customer_status_created_idx ON order_summary_a (customer_id, status, created_at, order_id);

CREATE TABLE order_summary_b (
    order_id    VARCHAR(64) NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    status      VARCHAR(32) NOT NULL,
    total_minor BIGINT      NOT NULL,
    currency    CHAR(3)     NOT NULL,
    line_count  INTEGER     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL,
    CONSTRAINT order_summary_b_pkey PRIMARY KEY (order_id)
);
CREATE INDEX order_summary_b_created_idx ON order_summary_b (created_at, order_id);
CREATE INDEX order_summary_b_customer_created_idx ON order_summary_b (customer_id, created_at, order_id);
CREATE INDEX order_summary_b_status_created_idx ON order_summary_b (status, created_at, order_id);
CREATE INDEX order_summary_b_customer_status_created_idx ON order_summary_b (customer_id, status, created_at, order_id);
--rollback DROP TABLE order_summary_a; DROP TABLE order_summary_b;

--changeset order-platform:006-order-detail
-- The whole order for GET /orders/{id}, and its timeline: one row per event, in version order.
CREATE TABLE order_detail_a (
    order_id         VARCHAR(64) NOT NULL,
    customer_id      VARCHAR(64) NOT NULL,
    status           VARCHAR(32) NOT NULL,
    currency         CHAR(3)     NOT NULL,
    total_minor      BIGINT      NOT NULL,
    lines            JSONB       NOT NULL,
    shipping_address JSONB       NOT NULL,
    cancellation     JSONB,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    version          BIGINT      NOT NULL,
    CONSTRAINT order_detail_a_pkey PRIMARY KEY (order_id)
);
CREATE TABLE order_timeline_a (
    order_id    VARCHAR(64) NOT NULL,
    version     BIGINT      NOT NULL,
    event_type  VARCHAR(64) NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    details     JSONB       NOT NULL,
    CONSTRAINT order_timeline_a_pkey PRIMARY KEY (order_id, version)
);
CREATE TABLE order_detail_b (
    order_id         VARCHAR(64) NOT NULL,
    customer_id      VARCHAR(64) NOT NULL,
    status           VARCHAR(32) NOT NULL,
    currency         CHAR(3)     NOT NULL,
    total_minor      BIGINT      NOT NULL,
    lines            JSONB       NOT NULL,
    shipping_address JSONB       NOT NULL,
    cancellation     JSONB,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    version          BIGINT      NOT NULL,
    CONSTRAINT order_detail_b_pkey PRIMARY KEY (order_id)
);
CREATE TABLE order_timeline_b (
    order_id    VARCHAR(64) NOT NULL,
    version     BIGINT      NOT NULL,
    event_type  VARCHAR(64) NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    details     JSONB       NOT NULL,
    CONSTRAINT order_timeline_b_pkey PRIMARY KEY (order_id, version)
);
--rollback DROP TABLE order_detail_a; DROP TABLE order_timeline_a; DROP TABLE order_detail_b; DROP TABLE order_timeline_b;

--changeset order-platform:006-customer-stats
-- Per customer and currency: how many orders, their total, how many were cancelled and their
-- total. customer_stats_order remembers each order's customer, currency and total, because
-- OrderCancelled does not repeat them.
CREATE TABLE customer_stats_a (
    customer_id           VARCHAR(64) NOT NULL,
    currency              CHAR(3)     NOT NULL,
    order_count           BIGINT      NOT NULL,
    total_minor           BIGINT      NOT NULL,
    cancelled_count       BIGINT      NOT NULL,
    cancelled_total_minor BIGINT      NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT customer_stats_a_pkey PRIMARY KEY (customer_id, currency)
);
CREATE TABLE customer_stats_order_a (
    order_id    VARCHAR(64) NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    currency    CHAR(3)     NOT NULL,
    total_minor BIGINT      NOT NULL,
    cancelled   BOOLEAN     NOT NULL,
    CONSTRAINT customer_stats_order_a_pkey PRIMARY KEY (order_id)
);
CREATE TABLE customer_stats_b (
    customer_id           VARCHAR(64) NOT NULL,
    currency              CHAR(3)     NOT NULL,
    order_count           BIGINT      NOT NULL,
    total_minor           BIGINT      NOT NULL,
    cancelled_count       BIGINT      NOT NULL,
    cancelled_total_minor BIGINT      NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT customer_stats_b_pkey PRIMARY KEY (customer_id, currency)
);
CREATE TABLE customer_stats_order_b (
    order_id    VARCHAR(64) NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    currency    CHAR(3)     NOT NULL,
    total_minor BIGINT      NOT NULL,
    cancelled   BOOLEAN     NOT NULL,
    CONSTRAINT customer_stats_order_b_pkey PRIMARY KEY (order_id)
);
--rollback DROP TABLE customer_stats_a; DROP TABLE customer_stats_order_a; DROP TABLE customer_stats_b; DROP TABLE customer_stats_order_b;
