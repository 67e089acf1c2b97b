package org.orderplatform.webhooks;

import org.orderplatform.web.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** The problems of webhook subscriptions and their dead letters. */
public enum WebhookProblem implements ProblemType {
    WEBHOOK_SUBSCRIPTION_INVALID(
            "webhook-subscription-invalid",
            HttpStatus.BAD_REQUEST,
            "Invalid webhook subscription",
            "The URL is not an https URL of a public address, or an event type is unknown; `errors` names each field."),
    WEBHOOK_SUBSCRIPTION_NOT_FOUND(
            "webhook-subscription-not-found",
            HttpStatus.NOT_FOUND,
            "Webhook subscription not found",
            "No webhook subscription has this id."),
    WEBHOOK_REDRIVE_INVALID(
            "webhook-redrive-invalid",
            HttpStatus.BAD_REQUEST,
            "Invalid redrive request",
            "Name the dead letters to redrive: `deliveryIds`, or a `subscriptionId` for all of its dead letters.");

    private final Definition definition;

    WebhookProblem(String slug, HttpStatus status, String title, String description) {
        this.definition = new Definition(slug, status, title, description);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
