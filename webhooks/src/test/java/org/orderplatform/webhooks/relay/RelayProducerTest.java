package org.orderplatform.webhooks.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RelayProducerTest {

    // completes a send only when told to, or when flushed (as a real producer sends what it lingers on)
    private final MockProducer<String, byte[]> kafka =
            new MockProducer<>(false, new StringSerializer(), new ByteArraySerializer());
    private final RelayProducer producer = new RelayProducer(kafka, Duration.ofSeconds(30));

    @Test
    void sendsWhatItHoldsBackInsteadOfWaitingForMoreRecordsToJoinIt() {
        List<Future<RecordMetadata>> sends = List.of(send("a"), send("b"), send("c"));

        producer.awaitAcknowledged(sends);

        assertThat(sends).allMatch(Future::isDone);
        assertThat(kafka.history()).hasSize(3);
    }

    @Test
    void failsTheBatchWhenTheBrokerDidNotTakeASend() {
        Future<RecordMetadata> taken = send("a");
        Future<RecordMetadata> refused = send("b");
        kafka.completeNext();
        kafka.errorNext(new IllegalStateException("not enough replicas"));

        assertThatThrownBy(() -> producer.awaitAcknowledged(List.of(taken, refused)))
                .isInstanceOf(RelayProducer.RelayFailure.class)
                .hasMessageContaining("not enough replicas");
    }

    private Future<RecordMetadata> send(String key) {
        return producer.send(new ProducerRecord<>("orders.events.v1", key, new byte[] {1}));
    }
}
