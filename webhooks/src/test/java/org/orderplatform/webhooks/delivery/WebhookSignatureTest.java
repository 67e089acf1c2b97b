package org.orderplatform.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // the example of the Standard Webhooks specification
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsLikeTheStandardWebhooksSpecification() {
        assertThat(WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsOncePerSecretSpaceSeparatedDuringARotation() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

        String header = WebhookSignature.header(List.of(other, SECRET), ID, TIMESTAMP, BODY);

        assertThat(header.split(" ")).hasSize(2);
        assertThat(header).endsWith(" v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(header).startsWith("v1,").doesNotStartWith("v1,g0hM");
    }

    @Test
    void anyChangeToTheBodyChangesTheSignature() {
        assertThat(WebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, "{\"test\": 2432232315}"))
                .isNotEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
