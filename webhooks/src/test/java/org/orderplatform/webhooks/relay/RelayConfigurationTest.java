package org.orderplatform.webhooks.relay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.orderplatform.webhooks.WebhookProperties;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RelayConfigurationTest {

    // nothing listens there: a producer connects only when it first sends
    private final KafkaConnectionDetails broker = () -> List.of("localhost:1");

    @Test
    void refusesToStartWithACodecKafkaDoesNotKnow() {
        assertThatThrownBy(() -> producer("brotli"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("compression.type");
    }

    private RelayProducer producer(String codec) {
        WebhookProperties properties = new Binder(
                        new MapConfigurationPropertySource(Map.of("orders.webhooks.relay.compression", codec)))
                .bindOrCreate("orders.webhooks", WebhookProperties.class);
        return new RelayConfiguration().relayProducer(new KafkaProperties(), broker, properties);
    }
}
