package org.orderplatform.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** What a keyed request's client is told when it fails: the truth about its effect. */
class IdempotencyFailureTest {

    private static final SQLException LOST = new SQLException("An I/O error occurred", "08006");

    @Test
    void aCommitThatFailedMayHaveChangedSomething() {
        ProblemDetail answer = IdempotencyFilter.failure(
                new TransactionSystemException("Commit exception overridden by rollback exception", LOST),
                IdempotencyFilter.Phase.COMMITTING);

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getType().toString()).isEqualTo("/problems/commit-outcome-unknown");
        assertThat(answer.getProperties()).containsKey("retryAfterSeconds");
    }

    @Test
    void aDatabaseGoneBeforeTheCommitChangedNothing() {
        ProblemDetail answer = IdempotencyFilter.failure(
                new CannotGetJdbcConnectionException("down", LOST), IdempotencyFilter.Phase.HANDLING);

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getDetail()).contains("nothing was changed");
    }

    @Test
    void aBugBeforeTheCommitIsA500ThatChangedNothingAndOneAfterItSaysItWasDone() {
        assertThat(IdempotencyFilter.failure(new IllegalStateException("bug"), IdempotencyFilter.Phase.HANDLING)
                        .getDetail())
                .contains("nothing was changed");
        assertThat(IdempotencyFilter.failure(
                                new IllegalStateException("broken pipe"), IdempotencyFilter.Phase.COMMITTED)
                        .getDetail())
                .contains("was carried out");
    }
}
