package org.orderplatform.app.startup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderplatform.OrderPlatformApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionSettingsCheckTest {

    private final ProductionSettingsCheck check = new ProductionSettingsCheck();

    @Test
    void theProdProfileRefusesToStartWithoutItsSecretsAndNamesThemAll() {
        StandardEnvironment environment = environment(Map.of("spring.kafka.bootstrap-servers", "kafka:9092"));

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORDERS_DB_URL")
                .hasMessageContaining("ORDERS_DB_PASSWORD")
                .hasMessageContaining("ORDERS_ADMIN_API_KEY")
                .hasMessageContaining("ORDERS_PAYMENT_PROVIDER_URL")
                .hasMessageNotContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void theApplicationWithTheProdProfileFailsBeforeStartingAnything() {
        // command-line arguments win over the machine's environment: these are surely empty
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrderPlatformApplication.class)
                        .profiles("prod")
                        .run(
                                "--spring.datasource.url=",
                                "--spring.datasource.password=",
                                "--spring.kafka.bootstrap-servers=",
                                "--orders.admin.api-key="))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The prod profile needs these settings")
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void theProdProfileStartsWithEverythingGiven() {
        Map<String, Object> settings = new HashMap<>(complete());
        StandardEnvironment environment = environment(settings);

        assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void theProdProfileRefusesFaultInjection() {
        Map<String, Object> settings = new HashMap<>(complete());
        settings.put("orders.faults.enabled", "true");
        StandardEnvironment environment = environment(settings);

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORDERS_FAULTS_ENABLED");
    }

    @Test
    void theProdProfileRefusesTheChaosProfile() {
        StandardEnvironment environment = environment(complete());
        environment.addActiveProfile("chaos");

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chaos profile");
    }

    @Test
    void otherProfilesAreNotChecked() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("local");

        assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    private static Map<String, Object> complete() {
        return Map.of(
                "spring.datasource.url", "jdbc:postgresql://db/orders",
                "spring.datasource.username", "orders",
                "spring.datasource.password", "secret",
                "spring.kafka.bootstrap-servers", "kafka:9092",
                "orders.admin.api-key", "key",
                "orders.payments.provider-url", "https://payments.example.com");
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("prod");
        // only these settings: the machine's own environment must not make the test pass
        environment
                .getPropertySources()
                .forEach(source -> environment.getPropertySources().remove(source.getName()));
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }
}
