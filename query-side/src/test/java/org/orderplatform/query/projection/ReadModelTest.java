package org.orderplatform.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.orderplatform.query.customers.CustomerStatsProjection;
import org.orderplatform.query.orders.OrderDetailProjection;
import org.orderplatform.query.orders.OrderSummaryProjection;

class ReadModelTest {

    private static final Map<ReadModel, Class<?>> PROJECTIONS = Map.of(
            ReadModel.ORDER_SUMMARY, OrderSummaryProjection.class,
            ReadModel.ORDER_DETAIL, OrderDetailProjection.class,
            ReadModel.CUSTOMER_STATS, CustomerStatsProjection.class);

    /** Read-your-writes relies on the list; a new handler without it would answer "fresh" too early. */
    @Test
    void everyReadModelListsExactlyTheEventsItsProjectionHandles() {
        PROJECTIONS.forEach((model, projection) -> {
            Set<Class<?>> handled = Arrays.stream(projection.getDeclaredMethods())
                    .filter(method -> method.isAnnotationPresent(EventHandler.class))
                    .map(Method::getParameterTypes)
                    .map(parameters -> parameters[0])
                    .collect(Collectors.toSet());
            assertThat(handled).as(model.processingGroup()).isEqualTo(Set.copyOf(model.handledEvents()));
        });
    }

    @Test
    void everyReadModelHasAProjection() {
        assertThat(PROJECTIONS.keySet()).containsExactlyInAnyOrder(ReadModel.values());
    }
}
