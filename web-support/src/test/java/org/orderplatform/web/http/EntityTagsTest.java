package org.orderplatform.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderplatform.web.problem.ProblemException;

class EntityTagsTest {

    @Test
    void formatsAVersionAsAStrongTag() {
        assertThat(EntityTags.of(7)).isEqualTo("\"7\"");
    }

    @Test
    void readsTheVersionFromIfMatch() {
        assertThat(EntityTags.requiredVersion("\"12\"")).isEqualTo(12L);
        assertThat(EntityTags.requiredVersion(" \"0\" ")).isZero();
    }

    @Test
    void starMeansAnyVersion() {
        assertThat(EntityTags.requiredVersion("*")).isNull();
    }

    @Test
    void missingIfMatchIs428() {
        assertStatus(null, 428);
        assertStatus("", 428);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "\"12", "\"1\", \"2\""})
    void somethingThatIsNotOneEntityTagIs400(String header) {
        assertStatus(header, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"3\"", "\"abc\"", "\"-1\""})
    void aTagThatCanNeverMatchIs412(String header) {
        assertStatus(header, 412);
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsListsAndStar() {
        assertThat(EntityTags.noneMatchHits("\"3\"", 3)).isTrue();
        assertThat(EntityTags.noneMatchHits("W/\"3\"", 3)).isTrue();
        assertThat(EntityTags.noneMatchHits("\"1\", \"3\"", 3)).isTrue();
        assertThat(EntityTags.noneMatchHits("*", 3)).isTrue();
        assertThat(EntityTags.noneMatchHits("\"2\"", 3)).isFalse();
        assertThat(EntityTags.noneMatchHits(null, 3)).isFalse();
    }

    private static void assertStatus(String header, int status) {
        assertThatThrownBy(() -> EntityTags.requiredVersion(header))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(status));
    }
}
