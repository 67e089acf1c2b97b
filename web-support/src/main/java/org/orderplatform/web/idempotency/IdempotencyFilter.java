package org.orderplatform.web.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderplatform.web.http.PayloadTooLargeException;
import org.orderplatform.web.http.RequestPaths;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.orderplatform.web.problem.Problems;
import org.orderplatform.web.problem.StandardProblem;
import org.orderplatform.web.problem.Unavailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Enforces and honours {@code Idempotency-Key} on unsafe requests.
 *
 * <ul>
 *   <li>no key: 400; a malformed key: 400;
 *   <li>a key whose first request is still running (here or on another node): 409;
 *   <li>a key already used for a different request: 422;
 *   <li>a key already used for this request: the stored response, with {@code Idempotent-Replayed: true}.
 * </ul>
 *
 * <p>A new key runs the request inside one transaction (see the package documentation). Responses
 * below 400 commit with their effects. A client error rolls the handler's work back to a savepoint
 * and is stored, so retrying a rejected request replays the same rejection; 5xx, 406, 408, 415 and
 * 429 are not stored (nothing happened, retrying is the right thing to do).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Until authentication exists every caller shares one key space. */
    static final String ANONYMOUS = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Set<Integer> NOT_STORED_STATUSES = Set.of(406, 408, 415, 429);
    private static final Set<String> NOT_STORED_HEADERS = Set.of(
            "date", "content-length", "transfer-encoding", "connection", "keep-alive", "set-cookie", "content-type");

    private final IdempotencyKeyStore store;
    private final PlatformTransactionManager transactions;
    private final ProblemResponseWriter problems;
    private final IdempotencyProperties properties;
    private final List<PathPattern> paths;

    IdempotencyFilter(
            IdempotencyKeyStore store,
            PlatformTransactionManager transactions,
            ProblemResponseWriter problems,
            IdempotencyProperties properties) {
        this.store = store;
        this.transactions = transactions;
        this.problems = problems;
        this.properties = properties;
        this.paths = properties.paths().stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!properties.enabled() || !properties.methods().contains(request.getMethod())) {
            return true;
        }
        PathContainer path = PathContainer.parsePath(RequestPaths.of(request));
        return paths.stream().noneMatch(pattern -> pattern.matches(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HEADER);
        if (header == null) {
            problems.write(
                    request,
                    response,
                    Problems.detail(
                            StandardProblem.IDEMPOTENCY_KEY_MISSING,
                            "Send an Idempotency-Key header with a unique value (a UUID) for this request"));
            return;
        }
        Optional<String> parsed = IdempotencyKeys.parse(header);
        if (parsed.isEmpty()) {
            problems.write(
                    request,
                    response,
                    Problems.detail(
                            StandardProblem.IDEMPOTENCY_KEY_INVALID,
                            "Idempotency-Key must be 1 to " + IdempotencyKeys.MAX_LENGTH
                                    + " printable ASCII characters"));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            problems.write(request, response, Problems.detail(StandardProblem.PAYLOAD_TOO_LARGE, e.getMessage()));
            return;
        }
        var call = new Call(
                clientId(request),
                parsed.get(),
                request.getMethod(),
                pathAndQuery(request),
                RequestFingerprint.of(
                        request.getMethod(), pathAndQuery(request), request.getHeader(HttpHeaders.IF_MATCH), body));
        execute(call, new CachedBodyRequest(request, body), response, chain);
    }

    private void execute(Call call, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        TransactionStatus tx;
        try {
            tx = transactions.getTransaction(
                    new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
        } catch (TransactionException e) {
            log.warn("No database transaction for an Idempotency-Key request: {}", Unavailability.summary(e));
            problems.write(request, response, Unavailability.problem());
            return;
        }
        Phase phase = Phase.HANDLING;
        try {
            if (!store.tryLock(call.clientId(), call.key())) {
                problems.write(
                        request,
                        response,
                        Problems.detail(
                                StandardProblem.IDEMPOTENCY_KEY_IN_FLIGHT,
                                "A request with this Idempotency-Key is still in progress"));
                return;
            }
            Optional<StoredRequest> previous = store.find(call.clientId(), call.key());
            if (previous.isPresent()) {
                answerRetry(call, previous.get(), request, response);
                return;
            }
            Object beforeHandler = tx.createSavepoint();
            ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
            Set<String> headersBefore = lowerCase(response.getHeaderNames());
            chain.doFilter(request, captured);
            StoredResponse result = capture(captured, headersBefore);
            if (result.status() < 400 && tx.isRollbackOnly()) {
                throw new IllegalStateException(
                        "The handler answered " + result.status() + " but its transaction was rolled back");
            }
            if (result.status() >= 400) {
                // Undo whatever the handler did (this also clears a rollback-only mark Axon set);
                // the key's lock is still held, so storing the rejection cannot race a retry.
                tx.rollbackToSavepoint(beforeHandler);
            }
            if (result.status() < 400 || isStoredRejection(result.status())) {
                store.save(
                        call.clientId(),
                        call.key(),
                        call.fingerprint(),
                        call.method(),
                        call.path(),
                        result,
                        properties.ttl());
                phase = Phase.COMMITTING;
                transactions.commit(tx);
                phase = Phase.COMMITTED;
            }
            captured.copyBodyToResponse();
        } catch (RuntimeException | IOException | ServletException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            problems.write(request, response, failure(e, phase));
        } finally {
            if (!tx.isCompleted()) {
                rollbackQuietly(tx);
            }
        }
    }

    /** How far a keyed request got: what its client can be told when it fails. */
    enum Phase {
        HANDLING,
        COMMITTING,
        COMMITTED
    }

    /**
     * Says truthfully what became of the request: done; maybe done (the commit itself failed: the
     * key's record and the effects were in one transaction, so a retry with the key is safe); not
     * done because of a dependency; or not done.
     */
    static ProblemDetail failure(Exception e, Phase phase) {
        if (phase == Phase.COMMITTED) {
            log.error("Request with Idempotency-Key was committed but its response could not be sent", e);
            return Problems.detail(
                    StandardProblem.INTERNAL_ERROR,
                    "The request was carried out but its response could not be sent; "
                            + "retry with the same Idempotency-Key to get it");
        }
        if (phase == Phase.COMMITTING) {
            log.warn("The commit of a request with Idempotency-Key failed: its outcome is unknown", e);
            return Unavailability.outcomeUnknown();
        }
        if (Unavailability.isCause(e)) {
            log.warn("Request with Idempotency-Key failed: a dependency is unavailable: {}", Unavailability.summary(e));
            return Unavailability.problemFor(e);
        }
        log.error("Request with Idempotency-Key failed; nothing was stored", e);
        return Problems.detail(
                StandardProblem.INTERNAL_ERROR,
                "The request failed and nothing was changed; retry with the same Idempotency-Key");
    }

    private void rollbackQuietly(TransactionStatus tx) {
        try {
            transactions.rollback(tx);
        } catch (RuntimeException e) {
            // the connection is probably gone, which ends the transaction anyway
            log.warn("Rollback of an Idempotency-Key transaction failed", e);
        }
    }

    private void answerRetry(
            Call call, StoredRequest previous, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!previous.fingerprint().equals(call.fingerprint())) {
            problems.write(
                    request,
                    response,
                    Problems.detail(
                            StandardProblem.IDEMPOTENCY_KEY_REUSED,
                            "This Idempotency-Key was used for a different request; use a new key for a new request"));
            return;
        }
        StoredResponse stored = previous.response();
        response.setStatus(stored.status());
        stored.headers().forEach((name, values) -> {
            response.setHeader(name, null);
            values.forEach(value -> response.addHeader(name, value));
        });
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    /**
     * Client errors are the request's answer and are replayed; except those that mean "not even
     * tried, send it differently": timeout, throttled, unacceptable or unsupported media type.
     */
    private static boolean isStoredRejection(int status) {
        return status >= 400 && status < 500 && !NOT_STORED_STATUSES.contains(status);
    }

    private static StoredResponse capture(ContentCachingResponseWrapper response, Set<String> headersBefore) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            String lower = name.toLowerCase();
            if (!headersBefore.contains(lower) && !NOT_STORED_HEADERS.contains(lower)) {
                headers.put(name, List.copyOf(response.getHeaders(name)));
            }
        }
        return new StoredResponse(
                response.getStatus(), response.getContentType(), headers, response.getContentAsByteArray());
    }

    private static Set<String> lowerCase(Iterable<String> names) {
        Set<String> lower = new HashSet<>();
        names.forEach(name -> lower.add(name.toLowerCase()));
        return lower;
    }

    private static String clientId(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? ANONYMOUS : principal.getName();
    }

    private static String pathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }

    private record Call(String clientId, String key, String method, String path, String fingerprint) {}
}
