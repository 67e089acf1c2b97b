package org.orderplatform.sandbox.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscriber's check of a Standard Webhooks request, written the way docs/webhooks.md tells
 * subscribers to: HMAC-SHA256 over {@code id.timestamp.body} with the secret's base64 key,
 * compared in constant time with each {@code v1,} signature in the header; timestamps more than
 * five minutes away are refused (replay protection).
 */
final class SignatureCheck {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private SignatureCheck() {}

    /** Null when valid, else what is wrong. */
    static String problem(String secret, String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number";
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), Instant.now())
                        .abs()
                        .compareTo(TOLERANCE)
                > 0) {
            return "webhook-timestamp is too far from now";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return "the inbox's secret is not a whsec_ secret";
        }
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(signature.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return null;
                }
            }
        }
        return "no signature matches";
    }
}
