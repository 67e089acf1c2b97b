package org.orderplatform.sandbox.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One request the inbox received.
 *
 * @param signatureValid null when the inbox has no secret to check with
 * @param signatureProblem why the signature did not check out
 * @param signatures how many signatures the header carried (two during a secret rotation)
 */
public record ReceivedWebhook(
        Instant receivedAt,
        String webhookId,
        String webhookTimestamp,
        String correlationId,
        String contentType,
        Boolean signatureValid,
        String signatureProblem,
        int signatures,
        JsonNode body) {}
