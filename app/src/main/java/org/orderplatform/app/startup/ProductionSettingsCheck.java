package org.orderplatform.app.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code prod} profile, refuses to start unless every setting a deployment must give is
 * there, and names all the missing ones at once (before anything starts: no embedded fallback, no
 * half-started node), and refuses fault injection. Runs once the configuration files and the environment are read.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor {

    /** Property → the environment variable that sets it. */
    private static final Map<String, String> REQUIRED = Map.of(
            "spring.datasource.url", "ORDERS_DB_URL",
            "spring.datasource.username", "ORDERS_DB_USER",
            "spring.datasource.password", "ORDERS_DB_PASSWORD",
            "spring.kafka.bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS",
            "orders.admin.api-key", "ORDERS_ADMIN_API_KEY");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach((property, variable) -> {
            if (isBlank(environment.getProperty(property))) {
                missing.add(variable);
            }
        });
        boolean sandbox = environment.getProperty("orders.payments.sandbox.enabled", Boolean.class, false);
        if (!sandbox && isBlank(environment.getProperty("orders.payments.provider-url"))) {
            missing.add("ORDERS_PAYMENT_PROVIDER_URL (or ORDERS_PAYMENT_SANDBOX_ENABLED=true)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The prod profile needs these settings, which are missing or empty: "
                    + String.join(", ", missing.stream().sorted().toList())
                    + ". See docs/configuration.md.");
        }
        // an admin key would be enough to make a production node fail on purpose
        if (environment.getProperty("orders.faults.enabled", Boolean.class, false)) {
            throw new IllegalStateException("The prod profile refuses ORDERS_FAULTS_ENABLED=true: fault injection is"
                    + " for tests and chaos runs. See docs/configuration.md.");
        }
        // (Chaos Monkey also loads on the system property LOAD_CHAOS_MONKEY=true)
        if (environment.acceptsProfiles(Profiles.of("chaos | chaos-monkey"))
                || Boolean.parseBoolean(System.getProperty("LOAD_CHAOS_MONKEY"))
                || environment.getProperty("chaos.monkey.enabled", Boolean.class, false)) {
            throw new IllegalStateException("The prod profile refuses the chaos profile: Chaos Monkey is for chaos"
                    + " runs. See docs/chaos.md.");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
