--liquibase formatted sql

--changeset order-platform:013-order-detail-address-columns
-- Expand, step 1 of the address split (docs/migrations.md, the worked example): the shipping
-- address as typed columns beside the JSONB document, so that it can be searched, constrained and
-- indexed. Nullable and without a default, so each ADD COLUMN only changes the catalogue: no
-- rewrite, and the ACCESS EXCLUSIVE lock lasts milliseconds (and waits at most lock_timeout).
-- shipping_address stays, and stays the column the previous release reads and writes.
ALTER TABLE order_detail_a
    ADD COLUMN ship_to_recipient   TEXT,
    ADD COLUMN ship_to_line1       TEXT,
    ADD COLUMN ship_to_line2       TEXT,
    ADD COLUMN ship_to_city        TEXT,
    ADD COLUMN ship_to_region      TEXT,
    ADD COLUMN ship_to_postal_code TEXT,
    ADD COLUMN ship_to_country     TEXT;
ALTER TABLE order_detail_b
    ADD COLUMN ship_to_recipient   TEXT,
    ADD COLUMN ship_to_line1       TEXT,
    ADD COLUMN ship_to_line2       TEXT,
    ADD COLUMN ship_to_city        TEXT,
    ADD COLUMN ship_to_region      TEXT,
    ADD COLUMN ship_to_postal_code TEXT,
    ADD COLUMN ship_to_country     TEXT;
--rollback ALTER TABLE order_detail_a DROP COLUMN ship_to_recipient, DROP COLUMN ship_to_line1, DROP COLUMN ship_to_line2, DROP COLUMN ship_to_city, DROP COLUMN ship_to_region, DROP COLUMN ship_to_postal_code, DROP COLUMN ship_to_country;
--rollback ALTER TABLE order_detail_b DROP COLUMN ship_to_recipient, DROP COLUMN ship_to_line1, DROP COLUMN ship_to_line2, DROP COLUMN ship_to_city, DROP COLUMN ship_to_region, DROP COLUMN ship_to_postal_code, DROP COLUMN ship_to_country;

--changeset order-platform:013-order-detail-address-sync splitStatements:false
-- Expand, step 2: during a rolling upgrade nodes of the previous release still write the address
-- into shipping_address alone. This trigger fills the columns from the document whenever a writer
-- left them untouched: an INSERT without them, an UPDATE of the document alone. This release's
-- projection writes both itself, and then the trigger does nothing. It goes in the contract step,
-- once no node of the previous release is left.
CREATE FUNCTION order_detail_address_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.shipping_address IS NOT NULL
        AND ((TG_OP = 'INSERT' AND NEW.ship_to_country IS NULL)
            OR (TG_OP = 'UPDATE'
                AND NEW.shipping_address IS DISTINCT FROM OLD.shipping_address
                AND ROW(NEW.ship_to_recipient, NEW.ship_to_line1, NEW.ship_to_line2, NEW.ship_to_city,
                        NEW.ship_to_region, NEW.ship_to_postal_code, NEW.ship_to_country)
                    IS NOT DISTINCT FROM
                    ROW(OLD.ship_to_recipient, OLD.ship_to_line1, OLD.ship_to_line2, OLD.ship_to_city,
                        OLD.ship_to_region, OLD.ship_to_postal_code, OLD.ship_to_country))) THEN
        NEW.ship_to_recipient := NEW.shipping_address ->> 'recipient';
        NEW.ship_to_line1 := NEW.shipping_address ->> 'line1';
        NEW.ship_to_line2 := NEW.shipping_address ->> 'line2';
        NEW.ship_to_city := NEW.shipping_address ->> 'city';
        NEW.ship_to_region := NEW.shipping_address ->> 'region';
        NEW.ship_to_postal_code := NEW.shipping_address ->> 'postalCode';
        NEW.ship_to_country := NEW.shipping_address ->> 'country';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER order_detail_a_address_sync BEFORE INSERT OR UPDATE ON order_detail_a
    FOR EACH ROW EXECUTE FUNCTION order_detail_address_sync();
CREATE TRIGGER order_detail_b_address_sync BEFORE INSERT OR UPDATE ON order_detail_b
    FOR EACH ROW EXECUTE FUNCTION order_detail_address_sync();
--rollback DROP TRIGGER order_detail_a_address_sync ON order_detail_a; DROP TRIGGER order_detail_b_address_sync ON order_detail_b; DROP FUNCTION order_detail_address_sync();
