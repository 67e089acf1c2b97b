package org.orderplatform.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class UnavailabilityTest {

    @Test
    void noConnectionOrTransactionMeansUnavailable() {
        assertThat(Unavailability.isCause(new CannotCreateTransactionException("pool exhausted")))
                .isTrue();
        assertThat(Unavailability.isCause(new CannotGetJdbcConnectionException("down")))
                .isTrue();
    }

    @Test
    void aConnectionFailureDeepInTheCauseChainCounts() {
        var lost = new SQLException("connection lost", "08006");
        assertThat(Unavailability.isCause(new IllegalStateException("wrapped", new RuntimeException(lost))))
                .isTrue();
        assertThat(Unavailability.isCause(new SQLException("shutting down", "57P01")))
                .isTrue();
    }

    @Test
    void otherFailuresAreBugsNotOutages() {
        assertThat(Unavailability.isCause(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(Unavailability.isCause(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void theProblemTellsWhenToRetry() {
        assertThat(Unavailability.problem().getStatus()).isEqualTo(503);
        assertThat(Unavailability.problem().getProperties()).containsEntry("retryAfterSeconds", 2);
    }
}
