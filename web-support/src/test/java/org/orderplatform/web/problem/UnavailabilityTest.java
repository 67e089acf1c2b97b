package org.orderplatform.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

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
    void aFailedCommitIsAnUnknownOutcomeNotNothingChanged() {
        var lost = new SQLException("An I/O error occurred while sending to the backend", "08006");
        var commit = new TransactionSystemException("Could not commit JDBC transaction", lost);

        assertThat(Unavailability.isCause(commit)).isTrue();
        assertThat(Unavailability.isCommitFailure(new IllegalStateException("wrapped", commit)))
                .isTrue();
        assertThat(Unavailability.problemFor(commit).getType().toString())
                .isEqualTo("/problems/commit-outcome-unknown");
        assertThat(Unavailability.problemFor(commit).getStatus()).isEqualTo(503);
        assertThat(Unavailability.problemFor(commit).getDetail()).contains("may or may not");
        // a failed rollback, or no connection at all: nothing was committed
        assertThat(Unavailability.isCommitFailure(
                        new TransactionSystemException("Could not roll back JDBC transaction", lost)))
                .isFalse();
        assertThat(Unavailability.problemFor(new CannotGetJdbcConnectionException("down"))
                        .getDetail())
                .contains("nothing was changed");
    }

    @Test
    void theLogGetsOneLineWithTheRootCause() {
        var refused = new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLException("boom", new java.net.ConnectException("refused")));

        assertThat(Unavailability.summary(refused))
                .isEqualTo("CannotGetJdbcConnectionException (ConnectException: refused)");
    }

    @Test
    void theProblemTellsWhenToRetry() {
        assertThat(Unavailability.problem().getStatus()).isEqualTo(503);
        assertThat(Unavailability.problem().getProperties()).containsEntry("retryAfterSeconds", 2);
    }
}
