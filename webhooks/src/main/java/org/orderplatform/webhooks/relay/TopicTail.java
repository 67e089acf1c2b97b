package org.orderplatform.webhooks.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * The event ids on the topic since a point in time, read from the topic itself: what the relay
 * consults before it sends an event that may be there already, so that each event is on the topic
 * once. An event may be there already when its batch is being sent again: after a batch that
 * failed half way (some records acknowledged, then a broker lost), after a token commit that
 * failed once the broker had acknowledged every record, and after a node died between the two
 * (another node, which claims the segment once the claim times out, sends the batch again). It
 * reads from the time the event was stored (less a margin for clocks), then incrementally. One
 * per node, shared by the relay's segments (a lookup is rare: only for batches that may repeat).
 */
class TopicTail implements AutoCloseable {

    /** Producers on other nodes stamp records with their own clocks. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    /** How far back coverage may reach behind the oldest event asked about. */
    static final Duration RETAIN = Duration.ofMinutes(10);

    private final Consumer<String, byte[]> consumer;
    private final Consumer<String, byte[]> watermarks;
    private final String topic;
    private final Duration readTimeout;
    private List<TopicPartition> partitions;
    private Instant coveredFrom;
    // the event ids of everything read since coveredFrom
    private final Set<String> onTopic = new HashSet<>();

    /**
     * @param consumer reads, {@code read_committed}
     * @param watermarks only asks for end offsets, {@code read_uncommitted} (the high watermarks)
     */
    TopicTail(
            Consumer<String, byte[]> consumer,
            Consumer<String, byte[]> watermarks,
            String topic,
            Duration readTimeout) {
        this.consumer = consumer;
        this.watermarks = watermarks;
        this.topic = topic;
        this.readTimeout = readTimeout;
    }

    /**
     * Whether the event is on the topic. Reads the records from when it was stored (less the
     * margin) when those are not covered yet, and else, with {@code readNew}, the records written
     * since the last read: once per batch is enough, since what matters was sent before the batch
     * began. Coverage moves forward (and memory is given back) once it reaches further back than
     * {@link #RETAIN} before what is asked.
     */
    synchronized boolean has(String eventId, Instant storedAt, boolean readNew) {
        Instant from = storedAt.minus(CLOCK_MARGIN);
        if (partitions == null || partitions.isEmpty()) {
            // (an empty list, the topic not made yet, is asked again next time)
            partitions = consumer.partitionsFor(topic, readTimeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
        }
        Instant covered = coveredFrom;
        if (covered == null || from.isBefore(covered) || covered.isBefore(from.minus(RETAIN))) {
            seek(from);
            onTopic.clear();
            covered = from;
            readNew = true;
        }
        if (readNew) {
            // covered only once read through: a read cut short must not answer "not there" later
            coveredFrom = null;
            readToEnd();
            coveredFrom = covered;
        }
        return onTopic.contains(eventId);
    }

    /**
     * Reads up to every partition's high watermark as it is now, uncommitted records included:
     * a read committed consumer stops at the last stable offset, below a transaction still open
     * (another segment's) or one whose commit markers are not written yet (this segment's last,
     * which the coordinator acknowledged before writing them). So it reads until the transactions
     * below that mark are settled, or fails the batch (it comes again).
     */
    private void readToEnd() {
        Map<TopicPartition, Long> ends = watermarks.endOffsets(partitions, readTimeout);
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (partitions.stream()
                .anyMatch(partition -> consumer.position(partition, readTimeout) < ends.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new RelayProducer.RelayFailure(
                        "Could not read the topic's recent records within " + readTimeout, null);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String eventId = RecordHeaders.read(record.headers(), RecordHeaders.EVENT_ID);
                if (eventId != null) {
                    onTopic.add(eventId);
                }
            }
        }
    }

    private void seek(Instant from) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
        // The ends before the search: the search sees committed records only, and a transaction
        // committing between the two would move an end taken afterwards past its records.
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, readTimeout);
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, readTimeout);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            long end = ends.get(partition);
            // nothing committed since then (as the search saw it): start at the end
            consumer.seek(partition, offset == null ? end : Math.min(offset.offset(), end));
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
        watermarks.close();
    }
}
