package org.orderplatform.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * {@code orders.commands} (a timer): every command handled, by type ({@code PlaceOrderCommand})
 * and outcome ({@code success}, or the exception's simple name: {@code IllegalStateException} for
 * a refused state change, {@code ConcurrencyException} ...), with its handling time.
 */
@Configuration(proxyBeanMethods = false)
class CommandMetrics {

    @Autowired
    void measureCommands(CommandBus commandBus, MeterRegistry meters) {
        commandBus.registerHandlerInterceptor(new Measure(meters));
    }

    private static final class Measure implements MessageHandlerInterceptor<CommandMessage<?>> {
        private final MeterRegistry meters;

        Measure(MeterRegistry meters) {
            this.meters = meters;
        }

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            String type = unitOfWork.getMessage().getPayloadType().getSimpleName();
            long start = System.nanoTime();
            String outcome = "success";
            try {
                return chain.proceed();
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
                throw e;
            } finally {
                Timer.builder("orders.commands")
                        .description("Commands handled, by type and outcome")
                        .tag("type", type)
                        .tag("outcome", outcome)
                        .register(meters)
                        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
    }
}
