package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EndpointLanesTest {

    private static final long SLOW = Duration.ofSeconds(1).toNanos();
    private static final long FAST = Duration.ofMillis(1).toNanos();

    private final EndpointLanes lanes = new EndpointLanes(2);
    private final UUID endpoint = UUID.randomUUID();

    @Test
    void startsAtMostTheConcurrencyLimitOfAnEndpointAndLinesUpTheRest() {
        List<ClaimedDelivery> claimed = claim(4);

        assertThat(claimed).extracting(lanes::admit).containsExactly(true, true, false, false);
        assertThat(lanes.claimed()).containsEntry(endpoint, 4);
    }

    @Test
    void startsTheNextInClaimOrderWhenOneIsDone() {
        List<ClaimedDelivery> claimed = claim(4);
        claimed.forEach(lanes::admit);

        assertThat(lanes.finished(endpoint, SLOW).next()).isEqualTo(claimed.get(2));
        assertThat(lanes.finished(endpoint, SLOW).next()).isEqualTo(claimed.get(3));
        assertThat(lanes.finished(endpoint, SLOW).next()).isNull();
        assertThat(lanes.finished(endpoint, SLOW).next()).isNull();
        assertThat(lanes.claimed()).doesNotContainKey(endpoint);
    }

    @Test
    void anEndpointAtItsLimitDoesNotHoldUpAnother() {
        UUID other = UUID.randomUUID();
        lanes.admit(Deliveries.claimed(endpoint));
        lanes.admit(Deliveries.claimed(endpoint));

        assertThat(lanes.admit(Deliveries.claimed(other))).isTrue();
        assertThat(lanes.admit(Deliveries.claimed(endpoint))).isFalse();
    }

    @Test
    void givesAnEndpointTwiceItsConcurrencyUntilItsPaceIsKnownThenAboutASecondsWorth() {
        assertThat(lanes.budget(endpoint)).isEqualTo(4);

        claim(1).forEach(lanes::admit);
        lanes.finished(endpoint, FAST);

        assertThat(lanes.budget(endpoint)).isEqualTo(ClaimDepth.MOST * 2);
        assertThat(lanes.budget(UUID.randomUUID())).isEqualTo(4);
    }

    @Test
    void asksForAClaimOnceHalfAnEndpointsBudgetIsFreeAgain() {
        claim(4).forEach(lanes::admit);

        assertThat(lanes.finished(endpoint, SLOW).claimAgain()).isFalse();
        assertThat(lanes.finished(endpoint, SLOW).claimAgain()).isTrue();
        assertThat(lanes.finished(endpoint, SLOW).claimAgain()).isFalse();
    }

    private List<ClaimedDelivery> claim(int deliveries) {
        return IntStream.range(0, deliveries)
                .mapToObj(i -> Deliveries.claimed(endpoint))
                .toList();
    }
}
