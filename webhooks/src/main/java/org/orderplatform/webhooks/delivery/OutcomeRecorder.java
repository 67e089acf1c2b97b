package org.orderplatform.webhooks.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.orderplatform.webhooks.subscriptions.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of outcomes in one transaction: the deliveries (each guarded by its lease), and
 * what they say about each endpoint, once per subscription and batch: a success ends its failing
 * spell, a failure starts one (or disables it when it has lasted too long), {@code 410 Gone}
 * disables it. Metrics count the outcomes written, after the commit.
 */
final class OutcomeRecorder implements OutcomeWriter.Recorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final OutcomeStore outcomes;
    private final SubscriptionStore subscriptions;
    private final TransactionTemplate transactions;
    private final Duration disableAfter;
    private final WebhookMetrics metrics;

    OutcomeRecorder(
            OutcomeStore outcomes,
            SubscriptionStore subscriptions,
            TransactionTemplate transactions,
            Duration disableAfter,
            WebhookMetrics metrics) {
        this.outcomes = outcomes;
        this.subscriptions = subscriptions;
        this.transactions = transactions;
        this.disableAfter = disableAfter;
        this.metrics = metrics;
    }

    @Override
    public void record(List<Outcome> batch) {
        List<String> disabled = new ArrayList<>();
        List<Outcome> written = transactions.execute(status -> {
            disabled.clear(); // a transaction tried again starts over
            List<Outcome> done = outcomes.write(batch);
            // subscription rows in id order: two nodes' batches never wait for each other in a cycle
            endpoints(batch).forEach((id, endpoint) -> endpoint.apply(id, disabled));
            return done;
        });
        written.forEach(outcome -> metrics.outcome(outcome.metricName()));
        disabled.forEach(message -> log.warn("Webhook subscription {}", message));
    }

    private Map<UUID, Endpoint> endpoints(List<Outcome> batch) {
        Map<UUID, Endpoint> endpoints = new TreeMap<>();
        for (Outcome outcome : batch) {
            if (outcome.attempted()) {
                endpoints
                        .computeIfAbsent(outcome.delivery().subscriptionId(), id -> new Endpoint())
                        .add(outcome);
            }
        }
        return endpoints;
    }

    /** What one batch's attempts say about one endpoint; applied as the attempts one by one would. */
    private final class Endpoint {
        private boolean succeeded;
        private boolean gone;
        private Outcome last;

        void add(Outcome outcome) {
            succeeded |= outcome.result().succeeded();
            gone |= outcome.result().gone();
            last = outcome;
        }

        void apply(UUID id, List<String> disabled) {
            if (succeeded) {
                subscriptions.recordSuccess(id);
            }
            if (gone) {
                subscriptions.disable(id, "endpoint answered 410 Gone");
                disabled.add(id + " disabled: its endpoint answered 410 Gone");
            } else if (!last.result().succeeded() && subscriptions.recordFailure(id, disableAfter)) {
                disabled.add(id + " disabled: it failed without a success for " + disableAfter);
            }
        }
    }
}
