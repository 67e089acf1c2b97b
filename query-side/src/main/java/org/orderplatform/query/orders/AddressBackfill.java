package org.orderplatform.query.orders;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orderplatform.query.slot.Slot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The backfill of the address split's expand step (docs/migrations.md): rows of {@code
 * order_detail_<slot>} written before the address columns existed get them from their JSONB
 * document, a small batch per transaction (row locks held for milliseconds, and rows a projection
 * holds are skipped, taken on the next run), found through a partial index of exactly those rows.
 * Every node runs it; {@code SKIP LOCKED} keeps them off each other's rows. Rows written after the
 * expand never need it: this release's projection writes the columns, and the trigger fills them
 * for a node of the previous release. So once none are left it stops for good.
 */
@Component
public class AddressBackfill {

    private static final Logger log = LoggerFactory.getLogger(AddressBackfill.class);

    private final JdbcTemplate jdbc;
    private final int batchSize;
    private final AtomicBoolean complete = new AtomicBoolean();

    AddressBackfill(JdbcTemplate jdbc, @Value("${orders.migrations.backfill-batch-size:500}") int batchSize) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
    }

    /** @return rows filled in this run */
    @Scheduled(
            fixedDelayString = "${orders.migrations.backfill-interval:PT10S}",
            initialDelayString = "${orders.migrations.backfill-interval:PT10S}")
    public int run() {
        if (complete.get()) {
            return 0;
        }
        int filled = 0;
        for (Slot slot : Slot.values()) {
            filled += backfill(slot.table("order_detail"));
        }
        long left = remaining();
        if (filled > 0) {
            log.info("Address backfill: {} rows filled, {} left", filled, left);
        }
        if (left == 0) {
            complete.set(true);
            log.info("Address backfill complete: every order_detail row has its address columns");
        }
        return filled;
    }

    /** Rows of both slots still without their address columns. */
    public long remaining() {
        long left = 0;
        for (Slot slot : Slot.values()) {
            left += jdbc.queryForObject(
                    "SELECT count(*) FROM " + slot.table("order_detail") + " WHERE ship_to_country IS NULL",
                    Long.class);
        }
        return left;
    }

    /** Keyset over the order ids: each row is visited once a run, even one a batch could not fill. */
    private int backfill(String table) {
        int filled = 0;
        String after = "";
        while (true) {
            // max() in the database: the keyset must follow the column's collation, not Java's order
            Map<String, Object> batch = jdbc.queryForMap(
                    "WITH batch AS (SELECT order_id FROM " + table + " WHERE ship_to_country IS NULL AND order_id > ?"
                            // a document without a country (none is written so) is left to the reader's fallback
                            + " AND shipping_address ->> 'country' IS NOT NULL"
                            + " ORDER BY order_id LIMIT ? FOR UPDATE SKIP LOCKED),"
                            + " filled AS (UPDATE " + table + " t SET"
                            + " ship_to_recipient = t.shipping_address ->> 'recipient',"
                            + " ship_to_line1 = t.shipping_address ->> 'line1',"
                            + " ship_to_line2 = t.shipping_address ->> 'line2',"
                            + " ship_to_city = t.shipping_address ->> 'city',"
                            + " ship_to_region = t.shipping_address ->> 'region',"
                            + " ship_to_postal_code = t.shipping_address ->> 'postalCode',"
                            + " ship_to_country = t.shipping_address ->> 'country'"
                            + " FROM batch WHERE t.order_id = batch.order_id RETURNING t.order_id)"
                            + " SELECT count(*) AS filled, max(order_id) AS last FROM filled",
                    after,
                    batchSize);
            long count = ((Number) batch.get("filled")).longValue();
            if (count == 0) {
                return filled;
            }
            filled += (int) count;
            after = (String) batch.get("last");
        }
    }
}
