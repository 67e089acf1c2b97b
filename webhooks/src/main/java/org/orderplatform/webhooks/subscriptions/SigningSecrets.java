package org.orderplatform.webhooks.subscriptions;

import java.security.SecureRandom;
import java.util.Base64;

/** New signing secrets in the Standard Webhooks form: {@code whsec_} + base64 of 32 random bytes. */
final class SigningSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecrets() {}

    static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
