--liquibase formatted sql

--changeset order-platform:014-order-detail-address-backfill-index runInTransaction:false
-- Expand, step 3: the rows written before the columns existed are backfilled by the platform in
-- small batches (AddressBackfill), each finding its next rows through this partial index instead
-- of scanning the table. Built CONCURRENTLY: writes go on while it builds. Outside a transaction,
-- a build that fails (statement_timeout, a cancel) leaves an invalid index and is not recorded as
-- run; the next attempt drops that index first. The build waits for every transaction older than itself, which
-- holds up no one (its lock lets reads and writes go on): the lock timeout is lifted for it, and
-- set back (to the connection's own setting) after it; statement_timeout still bounds it.
SET lock_timeout = 0;
DROP INDEX CONCURRENTLY IF EXISTS order_detail_a_address_backfill_idx;
CREATE INDEX CONCURRENTLY order_detail_a_address_backfill_idx ON order_detail_a (order_id) WHERE ship_to_country IS NULL;
DROP INDEX CONCURRENTLY IF EXISTS order_detail_b_address_backfill_idx;
CREATE INDEX CONCURRENTLY order_detail_b_address_backfill_idx ON order_detail_b (order_id) WHERE ship_to_country IS NULL;
RESET lock_timeout;
--rollback DROP INDEX CONCURRENTLY IF EXISTS order_detail_a_address_backfill_idx;
--rollback DROP INDEX CONCURRENTLY IF EXISTS order_detail_b_address_backfill_idx;
