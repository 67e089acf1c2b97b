package org.orderplatform.command.payment.provider.http;

import java.util.function.Supplier;
import org.springframework.core.env.Environment;

/**
 * Where the provider is: the configured URL, or else the sandbox this application serves itself.
 * Resolved at each call, because the port of the sandbox is only known once the web server has
 * started (and is random in tests). With no URL and the sandbox switched off, the application does
 * not start: every payment would otherwise fail, order after order, with nothing to say why.
 */
final class ProviderBaseUrl implements Supplier<String> {

    static final String SANDBOX_PATH = "/sandbox/payments";

    private final String configured;
    private final Environment environment;

    ProviderBaseUrl(String configured, Environment environment) {
        this.configured = configured == null ? "" : configured.strip();
        this.environment = environment;
        if (this.configured.isEmpty()
                && !environment.getProperty("orders.payments.sandbox.enabled", Boolean.class, true)) {
            throw new IllegalStateException("No payment provider: orders.payments.provider-url "
                    + "(ORDERS_PAYMENT_PROVIDER_URL) is empty and the sandbox provider is off "
                    + "(ORDERS_PAYMENT_SANDBOX_ENABLED=false). Set the provider's URL.");
        }
    }

    @Override
    public String get() {
        if (!configured.isEmpty()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new TransientProviderFailure("provider_not_ready");
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://localhost:" + port + contextPath + SANDBOX_PATH;
    }
}
