package org.orderplatform.web.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemTypesTest {

    record Type(String slug, HttpStatus status, String title, String description) implements ProblemType {
        @Override
        public Definition definition() {
            return new Definition(slug, status, title, description);
        }
    }

    @Test
    void everyModulesTypesAreFoundBySlug() {
        var types = new ProblemTypes(List.of(
                ProblemCatalogue.of("web-support", StandardProblem.values()),
                ProblemCatalogue.of(
                        "orders", new Type("order-not-found", HttpStatus.NOT_FOUND, "Order not found", "-"))));

        assertThat(types.find("order-not-found")).map(ProblemType::status).contains(HttpStatus.NOT_FOUND);
        assertThat(types.find("malformed-request")).contains(StandardProblem.MALFORMED_REQUEST);
        assertThat(types.all()).hasSize(StandardProblem.values().length + 1);
    }

    @Test
    void twoModulesMayNameOneProblemOnlyIfTheyDefineItAlike() {
        var written = new Type("order-not-found", HttpStatus.NOT_FOUND, "Order not found", "No order has this id.");
        var read = new Type("order-not-found", HttpStatus.NOT_FOUND, "Order not found", "No order has this id.");
        var other = new Type("order-not-found", HttpStatus.GONE, "Order gone", "No order has this id.");

        assertThat(new ProblemTypes(List.of(ProblemCatalogue.of("a", written), ProblemCatalogue.of("b", read))).all())
                .hasSize(1);
        assertThatThrownBy(() ->
                        new ProblemTypes(List.of(ProblemCatalogue.of("a", written), ProblemCatalogue.of("b", other))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("order-not-found");
    }
}
