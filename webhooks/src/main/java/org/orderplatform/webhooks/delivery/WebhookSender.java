package org.orderplatform.webhooks.delivery;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.orderplatform.webhooks.subscriptions.TargetGuard;

/**
 * POSTs a delivery with the Standard Webhooks headers. Connections go only to addresses the
 * {@link TargetGuard} allowed: the client resolves hosts through it. No redirects are followed
 * (a redirect could lead anywhere) and the client never retries by itself (retries are the
 * dispatcher's, on its schedule). Each attempt ends within the timeout, answer or not.
 */
class WebhookSender implements AutoCloseable {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int KEPT_BODY_CHARS = 200;

    private static final String TRACEPARENT = "traceparent";

    private final CloseableHttpClient client;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Duration timeout;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-attempt-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    WebhookSender(TargetGuard guard, Duration timeout, int maxInFlight, Tracer tracer, Propagator propagator) {
        this.timeout = timeout;
        this.tracer = tracer;
        this.propagator = propagator;
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedResolver(guard))
                        .setMaxConnTotal(maxInFlight)
                        // subscriptions may share a host: the per-endpoint limit is the bulkhead's,
                        // and no attempt may wait for a pooled connection
                        .setMaxConnPerRoute(maxInFlight)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(
                                        timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5)))
                                .setSocketTimeout(limit)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("order-platform-webhooks/1")
                .build();
    }

    AttemptResult send(ClaimedDelivery delivery, List<String> secrets) {
        long timestamp = Instant.now().getEpochSecond();
        HttpPost post = new HttpPost(delivery.url());
        post.setHeader("webhook-id", delivery.eventId());
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader(
                "webhook-signature",
                WebhookSignature.header(secrets, delivery.eventId(), timestamp, delivery.payload()));
        if (delivery.correlationId() != null) {
            post.setHeader(CORRELATION_HEADER, delivery.correlationId());
        }
        Span span = attemptSpan(delivery);
        if (span != null) {
            propagator.inject(span.context(), post, (request, name, value) -> request.setHeader(name, value));
        } else if (delivery.traceparent() != null) {
            post.setHeader(TRACEPARENT, delivery.traceparent());
        }
        post.setEntity(new ByteArrayEntity(
                delivery.payload().getBytes(StandardCharsets.UTF_8), ContentType.create("application/json")));
        // The socket timeout bounds each wait for bytes; this bounds the whole exchange, so a
        // receiver trickling its answer cannot hold a worker longer than the timeout.
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        try {
            AttemptResult result = client.execute(post, response -> answer(response, start));
            if (span != null && !result.succeeded()) {
                span.tag("error", String.valueOf(result.error()));
            }
            return result;
        } catch (IOException | RuntimeException e) {
            if (span != null) {
                span.error(e);
            }
            return new AttemptResult(null, elapsedMs(start), describe(e, post.isCancelled()), null);
        } finally {
            deadline.cancel(false);
            if (span != null) {
                span.end();
            }
        }
    }

    /** A child of the event's trace, when it has one and tracing is on; the receiver's parent. */
    private Span attemptSpan(ClaimedDelivery delivery) {
        if (tracer == null || propagator == null || delivery.traceparent() == null) {
            return null;
        }
        return propagator
                .extract(Map.of(TRACEPARENT, delivery.traceparent()), Map::get)
                .name("webhook POST " + delivery.eventType())
                .tag("webhook.id", delivery.eventId())
                .start();
    }

    private AttemptResult answer(ClassicHttpResponse response, long start) throws IOException {
        int status = response.getCode();
        String error = null;
        if (status < 200 || status >= 300) {
            error = "HTTP " + status + bodyStart(response);
        } else {
            EntityUtils.consume(response.getEntity());
        }
        Duration retryAfter = (status == 429 || status == 503)
                ? retryAfter(response.getFirstHeader("Retry-After"), Instant.now())
                : null;
        return new AttemptResult(status, elapsedMs(start), error, retryAfter);
    }

    private static String bodyStart(ClassicHttpResponse response) throws IOException {
        if (response.getEntity() == null) {
            return "";
        }
        try (InputStream body = response.getEntity().getContent()) {
            byte[] start = body.readNBytes(KEPT_BODY_CHARS);
            String text = new String(start, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : ": " + text;
        }
    }

    /** Retry-After as seconds or as an HTTP date (from {@code now}); null when absent or unreadable. */
    static Duration retryAfter(Header header, Instant now) {
        if (header == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            Instant date = DateUtils.parseStandardDate(value);
            if (date == null) {
                return null;
            }
            Duration wait = Duration.between(now, date);
            return wait.isNegative() ? Duration.ZERO : wait;
        }
    }

    private String describe(Exception e, boolean cancelled) {
        if (cancelled || e instanceof SocketTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof UnknownHostException) {
            return "target refused: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** Resolves through the guard: a host that resolves to a refused address gets no connection. */
    private static final class GuardedResolver implements DnsResolver {

        private final TargetGuard guard;

        GuardedResolver(TargetGuard guard) {
            this.guard = guard;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            try {
                return guard.resolve(host);
            } catch (TargetGuard.TargetRefused refused) {
                throw new UnknownHostException(host + " " + refused.getMessage());
            }
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
