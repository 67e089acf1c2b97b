--liquibase formatted sql

--changeset order-platform:012-webhook-held-because
-- Why a pending delivery was held back without an attempt (an endpoint's open circuit breaker, its
-- rate or concurrency limit), shown in the delivery log until it is attempted: a hold can outlast
-- a short retry schedule many times over, and the log must say so.
ALTER TABLE webhook_delivery ADD COLUMN held_because TEXT;
--rollback ALTER TABLE webhook_delivery DROP COLUMN held_because;
