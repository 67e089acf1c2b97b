--liquibase formatted sql

--changeset order-platform:015-order-detail-address-complete
--preconditions onFail:HALT onError:HALT
--precondition-sql-check expectedResult:0 SELECT (SELECT count(*) FROM order_detail_a WHERE ship_to_country IS NULL) + (SELECT count(*) FROM order_detail_b WHERE ship_to_country IS NULL)
-- Contract, step 1 (v0.3.0). Runs only once the backfill has filled every row: the precondition
-- halts the migration otherwise, and the node does not start. No node of v0.1.0 is left (the
-- roll to v0.2.0 is complete), and v0.2.0 writes the columns itself: the trigger goes. v0.3.0
-- writes the columns alone, so the document may now be null; v0.2.0 nodes still running read
-- the columns of those rows. The constraint is added NOT VALID (no scan under the lock) and
-- validated in the next changeset (a scan that lets writes go on).
DROP TRIGGER order_detail_a_address_sync ON order_detail_a;
DROP TRIGGER order_detail_b_address_sync ON order_detail_b;
DROP FUNCTION order_detail_address_sync();
ALTER TABLE order_detail_a ADD CONSTRAINT order_detail_a_ship_to_country_present CHECK (ship_to_country IS NOT NULL) NOT VALID;
ALTER TABLE order_detail_b ADD CONSTRAINT order_detail_b_ship_to_country_present CHECK (ship_to_country IS NOT NULL) NOT VALID;
ALTER TABLE order_detail_a ALTER COLUMN shipping_address DROP NOT NULL;
ALTER TABLE order_detail_b ALTER COLUMN shipping_address DROP NOT NULL;
--rollback ALTER TABLE order_detail_a DROP CONSTRAINT order_detail_a_ship_to_country_present;
--rollback ALTER TABLE order_detail_b DROP CONSTRAINT order_detail_b_ship_to_country_present;
--rollback UPDATE order_detail_a SET shipping_address = jsonb_build_object('recipient', ship_to_recipient, 'line1', ship_to_line1, 'line2', ship_to_line2, 'city', ship_to_city, 'region', ship_to_region, 'postalCode', ship_to_postal_code, 'country', ship_to_country) WHERE shipping_address IS NULL;
--rollback UPDATE order_detail_b SET shipping_address = jsonb_build_object('recipient', ship_to_recipient, 'line1', ship_to_line1, 'line2', ship_to_line2, 'city', ship_to_city, 'region', ship_to_region, 'postalCode', ship_to_postal_code, 'country', ship_to_country) WHERE shipping_address IS NULL;
--rollback ALTER TABLE order_detail_a ALTER COLUMN shipping_address SET NOT NULL;
--rollback ALTER TABLE order_detail_b ALTER COLUMN shipping_address SET NOT NULL;
--rollback CREATE FUNCTION order_detail_address_sync() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN IF NEW.shipping_address IS NOT NULL AND ((TG_OP = ''INSERT'' AND NEW.ship_to_country IS NULL) OR (TG_OP = ''UPDATE'' AND NEW.shipping_address IS DISTINCT FROM OLD.shipping_address AND ROW(NEW.ship_to_recipient, NEW.ship_to_line1, NEW.ship_to_line2, NEW.ship_to_city, NEW.ship_to_region, NEW.ship_to_postal_code, NEW.ship_to_country) IS NOT DISTINCT FROM ROW(OLD.ship_to_recipient, OLD.ship_to_line1, OLD.ship_to_line2, OLD.ship_to_city, OLD.ship_to_region, OLD.ship_to_postal_code, OLD.ship_to_country))) THEN NEW.ship_to_recipient := NEW.shipping_address ->> ''recipient''; NEW.ship_to_line1 := NEW.shipping_address ->> ''line1''; NEW.ship_to_line2 := NEW.shipping_address ->> ''line2''; NEW.ship_to_city := NEW.shipping_address ->> ''city''; NEW.ship_to_region := NEW.shipping_address ->> ''region''; NEW.ship_to_postal_code := NEW.shipping_address ->> ''postalCode''; NEW.ship_to_country := NEW.shipping_address ->> ''country''; END IF; RETURN NEW; END;';
--rollback CREATE TRIGGER order_detail_a_address_sync BEFORE INSERT OR UPDATE ON order_detail_a FOR EACH ROW EXECUTE FUNCTION order_detail_address_sync();
--rollback CREATE TRIGGER order_detail_b_address_sync BEFORE INSERT OR UPDATE ON order_detail_b FOR EACH ROW EXECUTE FUNCTION order_detail_address_sync();

--changeset order-platform:015-order-detail-address-validate
-- Contract, step 2: every row is checked, under a SHARE UPDATE EXCLUSIVE lock that lets reads and
-- writes go on. Its own transaction: in the one that added the constraint, the ACCESS EXCLUSIVE
-- lock of the ADD would be held through the scan.
ALTER TABLE order_detail_a VALIDATE CONSTRAINT order_detail_a_ship_to_country_present;
ALTER TABLE order_detail_b VALIDATE CONSTRAINT order_detail_b_ship_to_country_present;
--rollback not required

--changeset order-platform:015-order-detail-address-backfill-index-drop runInTransaction:false
-- Contract, step 3: the backfill's index is empty and unused now. The drop waits for older
-- transactions, holding no one up: no lock timeout for it (as in 014).
SET lock_timeout = 0;
DROP INDEX CONCURRENTLY IF EXISTS order_detail_a_address_backfill_idx;
DROP INDEX CONCURRENTLY IF EXISTS order_detail_b_address_backfill_idx;
RESET lock_timeout;
--rollback CREATE INDEX CONCURRENTLY IF NOT EXISTS order_detail_a_address_backfill_idx ON order_detail_a (order_id) WHERE ship_to_country IS NULL;
--rollback CREATE INDEX CONCURRENTLY IF NOT EXISTS order_detail_b_address_backfill_idx ON order_detail_b (order_id) WHERE ship_to_country IS NULL;
