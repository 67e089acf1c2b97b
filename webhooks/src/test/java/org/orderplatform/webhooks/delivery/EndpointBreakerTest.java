package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orderplatform.webhooks.WebhookProperties;

/**
 * The endpoint breaker with the platform's defaults: it holds back an endpoint that is down after
 * a few attempts, and never one that merely fails now and then.
 */
class EndpointBreakerTest {

    // the defaults of application.yml and WebhookProperties
    private static final WebhookProperties.Endpoint DEFAULTS =
            new WebhookProperties.Endpoint(4, 50, 90, 20, 10, 3, Duration.ofSeconds(30), Duration.ofDays(5));

    @Test
    void anEndpointFailingAThirdOfItsRequestsAtRandomKeepsFlowing() {
        CircuitBreaker breaker =
                new EndpointGuards(DEFAULTS).of(UUID.randomUUID()).breaker();
        Random random = new Random(42);

        int held = 0;
        for (int i = 0; i < 10_000; i++) {
            if (!breaker.tryAcquirePermission()) {
                held++;
                continue;
            }
            report(breaker, random.nextDouble() >= 0.3);
        }

        assertThat(held).isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anEndpointThatIsDownIsHeldBackAfterTheMinimumOfAttempts() {
        List<String> told = new ArrayList<>();
        UUID subscription = UUID.randomUUID();
        EndpointGuards guards = new EndpointGuards(DEFAULTS, (id, reason) -> told.add(id + ": " + reason));
        CircuitBreaker breaker = guards.of(subscription).breaker();

        int attempted = 0;
        while (breaker.tryAcquirePermission()) {
            report(breaker, false);
            attempted++;
        }

        assertThat(attempted).isEqualTo(10);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(guards.breakerReason(breaker))
                .isEqualTo("held back: the endpoint's circuit breaker is open (100 % of its last 10 attempts failed);"
                        + " tried again after PT30S, without using up an attempt");
        assertThat(told)
                .as("the delivery log is told once, as it opens")
                .containsExactly(subscription + ": " + guards.breakerReason(breaker));
    }

    @Test
    void aBreakerOpenedHereIsNewsToSpreadOneOpenedForAPeerIsNot() {
        List<UUID> spread = new ArrayList<>();
        EndpointGuards guards = new EndpointGuards(DEFAULTS);
        guards.onOpenedHere(spread::add);
        UUID failingHere = UUID.randomUUID();
        UUID failingElsewhere = UUID.randomUUID();

        CircuitBreaker here = guards.of(failingHere).breaker();
        while (here.tryAcquirePermission()) {
            report(here, false);
        }
        guards.openForPeer(failingElsewhere);
        guards.openForPeer(failingHere); // already open: stays as it is

        assertThat(guards.of(failingElsewhere).breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(guards.openBreakers()).containsExactlyInAnyOrder(failingHere, failingElsewhere);
        assertThat(spread).containsExactly(failingHere);
    }

    @Test
    void trialsReopenForAnEndpointStillDownAndCloseForOneThatCameBack() {
        CircuitBreaker stillDown = openedBreaker();
        for (int i = 0; i < 3; i++) {
            assertThat(stillDown.tryAcquirePermission()).isTrue();
            report(stillDown, false);
        }
        assertThat(stillDown.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        CircuitBreaker back = openedBreaker();
        // one trial of three failing (a flaky endpoint that came back) does not hold it back again
        report(acquired(back), false);
        report(acquired(back), true);
        report(acquired(back), true);
        assertThat(back.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static CircuitBreaker openedBreaker() {
        CircuitBreaker breaker =
                new EndpointGuards(DEFAULTS).of(UUID.randomUUID()).breaker();
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState(); // as when the open time is up
        return breaker;
    }

    private static CircuitBreaker acquired(CircuitBreaker breaker) {
        assertThat(breaker.tryAcquirePermission()).isTrue();
        return breaker;
    }

    private static void report(CircuitBreaker breaker, boolean succeeded) {
        if (succeeded) {
            breaker.onSuccess(5, TimeUnit.MILLISECONDS);
        } else {
            breaker.onError(5, TimeUnit.MILLISECONDS, new DeliveryAttempts.EndpointFailure("500"));
        }
    }
}
