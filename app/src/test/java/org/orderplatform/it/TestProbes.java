package org.orderplatform.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that exist only in the tests, to drive the HTTP middleware into states a real handler
 * reaches only by accident: a request that stays in flight until released, one that fails once.
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
