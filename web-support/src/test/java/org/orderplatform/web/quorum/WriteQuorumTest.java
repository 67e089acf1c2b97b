package org.orderplatform.web.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteQuorumTest {

    @Test
    void theStandbysACommitNeedsAreReadFromTheSetting() {
        assertThat(WriteQuorum.required("")).isZero();
        assertThat(WriteQuorum.required(null)).isZero();
        assertThat(WriteQuorum.required("ANY 1 (standby1, standby2)")).isEqualTo(1);
        assertThat(WriteQuorum.required("any 2 (a, b, c)")).isEqualTo(2);
        assertThat(WriteQuorum.required("FIRST 2 (a, b, c)")).isEqualTo(2);
        assertThat(WriteQuorum.required("2 (a, b)")).isEqualTo(2);
        assertThat(WriteQuorum.required("standby1, standby2")).isEqualTo(1);
        assertThat(WriteQuorum.required("*")).isEqualTo(1);
    }

    @Test
    void writesAreRefusedOnlyWhenThePrimarySaysTooFewStandbysAreThere() {
        assertThat(new WriteQuorum.State(0, 0, false, 0).allowsWrites()).isTrue();
        assertThat(new WriteQuorum.State(1, 1, false, 0).allowsWrites()).isTrue();
        assertThat(new WriteQuorum.State(1, 0, false, 0).allowsWrites()).isFalse();
        assertThat(new WriteQuorum.State(2, 1, false, 0).allowsWrites()).isFalse();
        // a user who may not see the standbys' state refuses nothing
        assertThat(new WriteQuorum.State(1, 0, true, 0).allowsWrites()).isTrue();
    }
}
