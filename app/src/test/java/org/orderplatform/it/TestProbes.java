package org.orderplatform.it;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.orderplatform.api.order.OrderLine;
import org.orderplatform.api.order.PlaceOrderCommand;
import org.orderplatform.api.order.ShippingAddress;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that exist only in the tests, to drive the HTTP middleware into states a real handler
 * reaches only by accident: a request that stays in flight until released, one that fails once,
 * one that claims success for work that was rolled back.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestProbes.Probes.class)
class TestProbes {

    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);
    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    static void resetHold() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @RestController
    static class Probes {

        private final PlatformTransactionManager transactions;
        private final CommandGateway commands;

        Probes(PlatformTransactionManager transactions, CommandGateway commands) {
            this.transactions = transactions;
            this.commands = commands;
        }

        /** A handler that fails after a command has already appended its events. */
        @PostMapping("/api/test/place-then-fail/{orderId}")
        ResponseEntity<String> placeThenFail(@PathVariable String orderId) {
            commands.sendAndWait(new PlaceOrderCommand(
                    orderId,
                    "customer-probe",
                    "EUR",
                    List.of(new OrderLine("SKU-1", 1, 100)),
                    new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10117", "DE"),
                    "tok_visa"));
            throw new IllegalStateException("failing after the order was placed");
        }

        /** A handler whose work was rolled back but which still claims success. */
        @PostMapping("/api/test/rollback-only")
        ResponseEntity<String> rollbackOnly() {
            new TransactionTemplate(transactions).executeWithoutResult(TransactionStatus::setRollbackOnly);
            return ResponseEntity.status(201).body("{\"created\":true}");
        }

        @PostMapping("/api/test/hold")
        ResponseEntity<String> hold() throws InterruptedException {
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return ResponseEntity.ok("{\"held\":true}");
        }

        @PostMapping("/api/test/fail-once/{name}")
        ResponseEntity<String> failOnce(@PathVariable String name) {
            if (FAILED_ONCE.add(name)) {
                throw new IllegalStateException("failing the first call of " + name);
            }
            return ResponseEntity.ok("{\"attempt\":2}");
        }
    }
}
