package org.orderplatform.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;

class RetryTransientFailuresTest {

    private final RetryTransientFailures policy = new RetryTransientFailures();
    private final GenericDeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("order-1", GenericEventMessage.asEventMessage("event"));

    @Test
    void aPoisonEventIsParked() {
        var cause = new DataIntegrityViolationException("check constraint");

        assertThat(policy.decide(letter, cause).shouldEnqueue()).isTrue();
    }

    @Test
    void aPoisonEventWithALongMessageIsParkedWithItCutToWhatTheTableHolds() {
        var cause = new DataIntegrityViolationException("PreparedStatementCallback; SQL [" + "x".repeat(3000) + "]");

        var decision = policy.decide(letter, cause);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(enqueued -> {
            assertThat(enqueued.getMessage()).hasSizeLessThanOrEqualTo(1023);
            assertThat(((ThrowableCause) enqueued).type()).isEqualTo(DataIntegrityViolationException.class.getName());
        });
    }

    @Test
    void aDeadlockIsThrownOnToBeRetried() {
        var cause = new DeadlockLoserDataAccessException("deadlock", new SQLException("deadlock detected", "40P01"));

        assertThatThrownBy(() -> policy.decide(letter, cause))
                .isInstanceOf(RetryTransientFailures.TransientProjectionFailure.class)
                .hasCause(cause);
    }

    @Test
    void aLostConnectionOrSerializationConflictIsTransientToo() {
        assertThat(RetryTransientFailures.isTransient(new RuntimeException(new SQLException("gone", "08006"))))
                .isTrue();
        assertThat(RetryTransientFailures.isTransient(new RuntimeException(new SQLException("conflict", "40001"))))
                .isTrue();
        assertThat(RetryTransientFailures.isTransient(new IllegalArgumentException("bad data")))
                .isFalse();
    }
}
