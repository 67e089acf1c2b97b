package org.orderplatform.webhooks.subscriptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.webhooks.WebhookProblem;
import org.orderplatform.webhooks.events.EventTypes;
import org.springframework.http.ProblemDetail;

/** Checks a subscription request; every broken field is named in one 400 answer. */
final class SubscriptionRules {

    static final int MAX_DESCRIPTION = 500;
    static final int MAX_URL = 2000;

    private final TargetGuard guard;

    SubscriptionRules(TargetGuard guard) {
        this.guard = guard;
    }

    /** The request's event types, deduplicated in their order; throws a 400 problem when invalid. */
    List<String> check(SubscriptionRequest request, boolean partial) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (request.url() == null) {
            if (!partial) {
                errors.add(new Problems.FieldError("url", "is required"));
            }
        } else if (request.url().length() > MAX_URL) {
            errors.add(new Problems.FieldError("url", "must be at most " + MAX_URL + " characters"));
        } else {
            try {
                guard.check(request.url());
            } catch (TargetGuard.TargetRefused refused) {
                errors.add(new Problems.FieldError("url", refused.getMessage()));
            }
        }
        List<String> types = null;
        if (request.eventTypes() != null) {
            // a null element is reported below; it must not fail the copy first
            types = request.eventTypes().stream()
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            for (int i = 0; i < request.eventTypes().size(); i++) {
                String type = request.eventTypes().get(i);
                if (type == null || !EventTypes.isKnown(type)) {
                    errors.add(new Problems.FieldError(
                            "eventTypes[" + i + "]",
                            "is not an event type; known: " + String.join(", ", EventTypes.ALL)));
                }
            }
        } else if (!partial) {
            types = List.of();
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            errors.add(new Problems.FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (!errors.isEmpty()) {
            ProblemDetail problem = Problems.detail(
                    WebhookProblem.WEBHOOK_SUBSCRIPTION_INVALID,
                    errors.size() == 1
                            ? errors.get(0).field() + " " + errors.get(0).message()
                            : errors.size() + " fields are invalid");
            problem.setProperty("errors", errors);
            throw new ProblemException(problem);
        }
        return types;
    }
}
