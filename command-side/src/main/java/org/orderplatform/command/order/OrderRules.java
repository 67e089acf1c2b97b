package org.orderplatform.command.order;

import static org.orderplatform.api.order.OrderLimits.ID_PATTERN;
import static org.orderplatform.api.order.OrderLimits.MAX_COMMENT_LENGTH;
import static org.orderplatform.api.order.OrderLimits.MAX_ID_LENGTH;
import static org.orderplatform.api.order.OrderLimits.MAX_LINES;
import static org.orderplatform.api.order.OrderLimits.MAX_QUANTITY;
import static org.orderplatform.api.order.OrderLimits.MAX_UNIT_PRICE_MINOR;
import static org.orderplatform.api.order.OrderLimits.MIN_QUANTITY;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.PlaceOrderCommand;
import org.orderplatform.api.order.ShippingAddress;

/**
 * The order's invariants on its data. The REST layer validates the same bounds first (with field
 * names for the client); these checks make the aggregate safe for every other sender too.
 */
final class OrderRules {

    private static final Pattern ID = Pattern.compile(ID_PATTERN);

    private OrderRules() {}

    static void checkPlacement(PlaceOrderCommand command) {
        checkId("orderId", command.orderId());
        checkId("customerId", command.customerId());
        if (!IsoCodes.isCurrency(command.currency())) {
            throw new InvalidOrderException("currency", "must be an ISO 4217 currency code");
        }
        checkLines(command.lines());
        checkAddress(command.shippingAddress());
    }

    static void checkAddress(ShippingAddress address) {
        if (address == null) {
            throw new InvalidOrderException("shippingAddress", "is required");
        }
        required("shippingAddress.recipient", address.recipient());
        required("shippingAddress.line1", address.line1());
        required("shippingAddress.city", address.city());
        required("shippingAddress.postalCode", address.postalCode());
        if (!IsoCodes.isCountry(address.country())) {
            throw new InvalidOrderException("shippingAddress.country", "must be an ISO 3166-1 alpha-2 country code");
        }
    }

    static void checkComment(String comment) {
        if (comment != null && comment.length() > MAX_COMMENT_LENGTH) {
            throw new InvalidOrderException("comment", "must be at most " + MAX_COMMENT_LENGTH + " characters");
        }
    }

    private static void checkLines(List<OrderLine> lines) {
        if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new InvalidOrderException("lines", "must hold 1 to " + MAX_LINES + " lines");
        }
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            checkId("lines[" + i + "].sku", line.sku());
            if (!skus.add(line.sku())) {
                throw new InvalidOrderException("lines[" + i + "].sku", "appears on more than one line");
            }
            if (line.quantity() < MIN_QUANTITY || line.quantity() > MAX_QUANTITY) {
                throw new InvalidOrderException(
                        "lines[" + i + "].quantity", "must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY);
            }
            if (line.unitPriceMinor() < 0 || line.unitPriceMinor() > MAX_UNIT_PRICE_MINOR) {
                throw new InvalidOrderException(
                        "lines[" + i + "].unitPriceMinor", "must be between 0 and " + MAX_UNIT_PRICE_MINOR);
            }
        }
    }

    private static void checkId(String field, String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_ID_LENGTH
                || !ID.matcher(value).matches()) {
            throw new InvalidOrderException(field, "must be 1 to " + MAX_ID_LENGTH + " of " + ID_PATTERN);
        }
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidOrderException(field, "is required");
        }
    }
}
