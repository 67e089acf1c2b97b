package org.orderplatform.sandbox.payments;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.orderplatform.web.problem.ProblemException;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The provider's idempotency: the first request with a key does the work, every later one with
 * that key gets its reply, even while it is still being worked out (it waits for it). A 5xx is
 * not kept, so a retry can succeed; the last {@value #CAPACITY} keys are remembered.
 */
@Component
@SandboxEnabled
class IdempotentReplies {

    static final int CAPACITY = 100_000;

    private final Map<String, Pending> byKey = RecentEntries.map(CAPACITY);

    /** What the request with this key answers; {@code request} tells a retry from a different request. */
    Outcome once(String key, Object request, Supplier<SandboxReply> work) {
        Pending mine = new Pending(request, new CompletableFuture<>());
        Pending first = byKey.putIfAbsent(key, mine);
        if (first != null) {
            if (!first.request().equals(request)) {
                throw reused();
            }
            SandboxReply reply = first.reply().join();
            return new Outcome(reply, reply.isFinal());
        }
        try {
            SandboxReply reply = work.get();
            if (!reply.isFinal()) {
                byKey.remove(key, mine);
            }
            mine.reply().complete(reply);
            return new Outcome(reply, false);
        } catch (RuntimeException e) {
            byKey.remove(key, mine);
            mine.reply().completeExceptionally(e);
            throw e;
        }
    }

    private static ProblemException reused() {
        ProblemDetail problem = Problems.detail(
                StandardProblem.IDEMPOTENCY_KEY_REUSED, "The key was already used for a different payment request");
        // a code like the provider's other refusals, for clients that only read `reason`
        problem.setProperty("reason", "idempotency_key_reused");
        return new ProblemException(problem);
    }

    record Outcome(SandboxReply reply, boolean replayed) {}

    private record Pending(Object request, CompletableFuture<SandboxReply> reply) {}
}
