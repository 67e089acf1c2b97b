package org.orderplatform.sandbox.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sandbox/webhook-inbox/{inbox}")
@ConditionalOnProperty(name = "orders.webhook-inbox.enabled", havingValue = "true")
@Hidden
class WebhookInboxController {

    private static final int KEPT = 200;

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<ReceivedWebhook>> inboxes = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    WebhookInboxController(ObjectMapper json) {
        this.json = json;
    }

    @PutMapping("/secret")
    ResponseEntity<Void> secret(@PathVariable String inbox, @RequestBody SecretRequest request) {
        if (request.secret() == null || !request.secret().startsWith("whsec_")) {
            return ResponseEntity.badRequest().build();
        }
        secrets.put(inbox, request.secret());
        return ResponseEntity.noContent().build();
    }

    @PostMapping
    ResponseEntity<Void> receive(
            @PathVariable String inbox,
            @RequestHeader(name = "webhook-id", required = false) String id,
            @RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
            @RequestHeader(name = "webhook-signature", required = false) String signature,
            @RequestHeader(name = "X-Correlation-Id", required = false) String correlationId,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) String body) {
        String secret = secrets.get(inbox);
        String problem = secret == null ? null : SignatureCheck.problem(secret, id, timestamp, signature, body);
        ReceivedWebhook received = new ReceivedWebhook(
                Instant.now(),
                id,
                timestamp,
                correlationId,
                contentType,
                secret == null ? null : problem == null,
                problem,
                signature == null ? 0 : signature.split(" ").length,
                parse(body));
        Deque<ReceivedWebhook> kept = inboxes.computeIfAbsent(inbox, name -> new ArrayDeque<>());
        synchronized (kept) {
            kept.addFirst(received);
            while (kept.size() > KEPT) {
                kept.removeLast();
            }
        }
        // a subscriber refuses what it cannot verify; the dispatcher will retry it
        return problem == null
                ? ResponseEntity.noContent().build()
                : ResponseEntity.status(401).build();
    }

    @GetMapping
    List<ReceivedWebhook> list(@PathVariable String inbox) {
        Deque<ReceivedWebhook> kept = inboxes.getOrDefault(inbox, new ArrayDeque<>());
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null ? null : json.readTree(body);
        } catch (IOException e) {
            return TextNode.valueOf(body);
        }
    }

    record SecretRequest(String secret) {}
}
