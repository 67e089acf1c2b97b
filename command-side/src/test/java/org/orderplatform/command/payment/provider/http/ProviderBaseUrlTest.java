package org.orderplatform.command.payment.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProviderBaseUrlTest {

    private final MockEnvironment environment = new MockEnvironment();

    @Test
    void usesTheConfiguredUrl() {
        environment.setProperty("local.server.port", "8080");

        assertThat(new ProviderBaseUrl("https://psp.example.com/v1/", environment).get())
                .isEqualTo("https://psp.example.com/v1");
    }

    @Test
    void withoutAConfiguredUrlUsesTheSandboxOnThePortKnownAtCallTime() {
        ProviderBaseUrl url = new ProviderBaseUrl(" ", environment);
        environment.setProperty("local.server.port", "51234");

        assertThat(url.get()).isEqualTo("http://localhost:51234/sandbox/payments");
    }

    @Test
    void includesTheServletContextPath() {
        environment.setProperty("local.server.port", "51234");
        environment.setProperty("server.servlet.context-path", "/shop");

        assertThat(new ProviderBaseUrl("", environment).get())
                .isEqualTo("http://localhost:51234/shop/sandbox/payments");
    }

    @Test
    void withoutAConfiguredUrlAndWithTheSandboxOffItRefusesToStart() {
        environment.setProperty("orders.payments.sandbox.enabled", "false");

        assertThatThrownBy(() -> new ProviderBaseUrl("", environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORDERS_PAYMENT_PROVIDER_URL");
        assertThat(new ProviderBaseUrl("https://psp.example.com", environment).get())
                .isEqualTo("https://psp.example.com");
    }

    @Test
    void beforeTheServerHasStartedTheSandboxIsNotReady() {
        assertThatThrownBy(() -> new ProviderBaseUrl(null, environment).get())
                .isInstanceOfSatisfying(
                        TransientProviderFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo("provider_not_ready"));
    }
}
