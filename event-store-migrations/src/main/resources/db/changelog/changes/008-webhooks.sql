--liquibase formatted sql

--changeset order-platform:008-webhook-subscriptions
-- Webhook subscribers. event_types empty = every type. A PAUSED or DISABLED subscription keeps its
-- pending deliveries (they wait); only ACTIVE ones are sent to, and DISABLED ones get no new ones.
CREATE TABLE webhook_subscription (
    id              UUID                     NOT NULL PRIMARY KEY,
    url             TEXT                     NOT NULL,
    description     TEXT,
    event_types     TEXT[]                   NOT NULL,
    status          TEXT                     NOT NULL CHECK (status IN ('ACTIVE', 'PAUSED', 'DISABLED')),
    disabled_reason TEXT,
    -- first failure since the last success: an endpoint failing for long enough is disabled
    failing_since   TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
-- keyset pagination of the subscription list
CREATE INDEX webhook_subscription_page_idx ON webhook_subscription (created_at, id);

-- Signing secrets. The current one has no expiry; after a rotation the old one signs too until
-- expires_at, so a receiver can switch secrets without rejecting anything.
CREATE TABLE webhook_secret (
    id              BIGSERIAL                NOT NULL PRIMARY KEY,
    subscription_id UUID                     NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    secret          TEXT                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_secret_subscription_idx ON webhook_secret (subscription_id);
--rollback DROP TABLE webhook_secret; DROP TABLE webhook_subscription;

--changeset order-platform:008-webhook-deliveries
-- One delivery per (subscription, event): the unique key makes a redelivered Kafka record a no-op.
-- It is also the retry queue: dispatchers claim due rows with FOR UPDATE SKIP LOCKED and lease
-- them (next_attempt_at moves past the attempt's timeout, lease_id marks the claim), so a node
-- that dies mid-attempt leaves the row to be retried by another, and a late answer from an
-- expired lease cannot overwrite a newer attempt.
CREATE TABLE webhook_delivery (
    id              UUID                     NOT NULL PRIMARY KEY,
    subscription_id UUID                     NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id        TEXT                     NOT NULL,
    event_type      TEXT                     NOT NULL,
    order_id        TEXT,
    payload         TEXT                     NOT NULL,
    correlation_id  TEXT,
    -- the W3C trace context of the request behind the event, sent on as traceparent
    traceparent     TEXT,
    status          TEXT                     NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        INT                      NOT NULL DEFAULT 0,
    -- position in the retry schedule; a redrive starts it over (attempts keeps counting)
    schedule_step   INT                      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_id        UUID,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webhook_delivery_once UNIQUE (subscription_id, event_id)
);
-- the dispatchers' work queue: due pending deliveries
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
-- backpressure: deliveries taken in but not yet attempted
CREATE INDEX webhook_delivery_unsent_idx ON webhook_delivery (subscription_id) WHERE status = 'PENDING' AND attempts = 0;
-- a subscription's delivery log, newest first
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (subscription_id, created_at DESC, id DESC);

CREATE TABLE webhook_delivery_attempt (
    delivery_id  UUID                     NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt      INT                      NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status_code  INT,
    latency_ms   BIGINT                   NOT NULL,
    error        TEXT,
    PRIMARY KEY (delivery_id, attempt)
);

-- Deliveries that exhausted their retries (or met 410 Gone). published_at: copied to the
-- orders.webhooks.dlq topic (this table is the outbox for it).
CREATE TABLE webhook_dead_letter (
    delivery_id     UUID                     NOT NULL PRIMARY KEY REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    subscription_id UUID                     NOT NULL,
    event_id        TEXT                     NOT NULL,
    event_type      TEXT                     NOT NULL,
    reason          TEXT                     NOT NULL,
    attempts        INT                      NOT NULL,
    dead_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_dead_letter_page_idx ON webhook_dead_letter (dead_at, delivery_id);
CREATE INDEX webhook_dead_letter_subscription_idx ON webhook_dead_letter (subscription_id, dead_at, delivery_id);
CREATE INDEX webhook_dead_letter_unpublished_idx ON webhook_dead_letter (dead_at) WHERE published_at IS NULL;
--rollback DROP TABLE webhook_dead_letter; DROP TABLE webhook_delivery_attempt; DROP TABLE webhook_delivery;
