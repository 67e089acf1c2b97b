package org.orderplatform.query.orders;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.orderplatform.api.order.OrderLimits;
import org.orderplatform.api.order.OrderStatus;
import org.orderplatform.web.cursor.Cursors;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.ProblemDetail;

/**
 * Checks the list query's parameters and turns them into a filter, a cursor and a limit; every
 * bad value is reported at once, by name, as a 400.
 */
final class OrderListParameters {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Set<String> SORTS = Set.of("-createdAt", "createdAt");
    private static final Pattern ID = Pattern.compile(OrderLimits.ID_PATTERN);

    private OrderListParameters() {}

    record Parsed(OrderFilter filter, PageCursor cursor, int limit) {}

    static Parsed parse(
            String customerId,
            String status,
            String createdFrom,
            String createdTo,
            String limit,
            String cursor,
            String sort,
            Cursors cursors) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (customerId != null
                && (customerId.length() > OrderLimits.MAX_ID_LENGTH
                        || !ID.matcher(customerId).matches())) {
            errors.add(new Problems.FieldError("customerId", "must be 1 to 64 of " + OrderLimits.ID_PATTERN));
        }
        String statusValue = null;
        if (status != null) {
            try {
                statusValue = OrderStatus.valueOf(status).name();
            } catch (IllegalArgumentException e) {
                errors.add(new Problems.FieldError("status", "must be one of " + List.of(OrderStatus.values())));
            }
        }
        Instant from = instant("createdFrom", createdFrom, errors);
        Instant to = instant("createdTo", createdTo, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new Problems.FieldError("createdTo", "must be after createdFrom"));
        }
        int pageSize = limit(limit, errors);
        if (sort != null && !SORTS.contains(sort)) {
            errors.add(new Problems.FieldError("sort", "must be -createdAt (newest first, the default) or createdAt"));
        }
        OrderFilter filter = new OrderFilter(customerId, statusValue, from, to, !"createdAt".equals(sort));
        PageCursor position = null;
        if (cursor != null) {
            position = PageCursor.decode(cursors, cursor).orElse(null);
            if (position == null) {
                errors.add(
                        new Problems.FieldError("cursor", "is not a cursor from this API; use the links it returns"));
            } else if (errors.isEmpty() && !position.query().equals(filter.fingerprint())) {
                errors.add(new Problems.FieldError("cursor", "belongs to a query with other filters or another sort"));
            }
        }
        if (!errors.isEmpty()) {
            ProblemDetail problem = Problems.detail(
                    StandardProblem.INVALID_QUERY,
                    errors.size() == 1
                            ? errors.get(0).field() + " " + errors.get(0).message()
                            : errors.size() + " query parameters are invalid");
            problem.setProperty("errors", errors);
            throw new ProblemException(problem);
        }
        return new Parsed(filter, position, pageSize);
    }

    private static Instant instant(String name, String value, List<Problems.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (Timestamps.storable(instant)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new Problems.FieldError(
                name,
                "must be an ISO-8601 instant from " + Timestamps.MIN + " to " + Timestamps.MAX
                        + ", such as 2026-01-31T00:00:00Z"));
        return null;
    }

    private static int limit(String value, List<Problems.FieldError> errors) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problems.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }
}
