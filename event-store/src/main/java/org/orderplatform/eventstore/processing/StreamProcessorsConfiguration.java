package org.orderplatform.eventstore.processing;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.orderplatform.eventstore.processing.ProcessingProperties.Tuning;
import org.orderplatform.eventstore.processing.StreamProcessor.Start;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Registers every declared {@link StreamProcessor} with Axon as a pooled streaming processor,
 * tuned by its kind. Two rules hold for all of them: a failing handler is never skipped silently
 * (Axon's default only logs) — with a dead-letter queue the event is parked, without one the
 * failure stops the segment until it is fixed; and a failed batch aborts its work package (the
 * token stays) and is read again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessingProperties.class)
class StreamProcessorsConfiguration {

    @Autowired
    void registerProcessors(
            EventProcessingConfigurer processing,
            List<StreamProcessor> processors,
            ProcessingProperties properties,
            ConnectionProvider connections,
            TransactionManager transactions,
            DeadLetterSchema deadLetterSchema,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        processing.registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
        processing.registerDefaultErrorHandler(config -> PropagatingErrorHandler.instance());
        for (StreamProcessor processor : processors) {
            Tuning tuning = properties.of(processor.kind());
            int segments = processor.segments() != null ? processor.segments() : tuning.segments();
            int threads = Math.min(tuning.threads(), segments);
            processing.registerPooledStreamingEventProcessor(
                    processor.name(), config -> config.eventStore(), (config, builder) -> {
                        ScheduledExecutorService workers = Executors.newScheduledThreadPool(
                                threads, new AxonThreadFactory("WorkPackage[" + processor.name() + "]"));
                        config.onShutdown(workers::shutdown);
                        return builder.workerExecutor(workers)
                                .initialSegmentCount(segments)
                                .batchSize(tuning.batchSize())
                                .initialToken(source -> processor.start() == Start.HEAD
                                        ? source.createHeadToken()
                                        : source.createTailToken());
                    });
            if (processor.sequencing() != null) {
                processing.registerSequencingPolicy(processor.name(), config -> processor.sequencing());
            }
            if (processor.deadLetters() != null) {
                processing.registerDeadLetterQueue(
                        processor.name(),
                        config -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(processor.name())
                                .connectionProvider(connections)
                                .transactionManager(transactions)
                                .schema(deadLetterSchema)
                                .genericSerializer(serializer)
                                .eventSerializer(eventSerializer)
                                .build());
                processing.registerDeadLetterPolicy(processor.name(), config -> processor.deadLetters());
                // A replay starts over from the first event: the old dead letters go (the replay
                // meets those events again). The cache saves a dead-letter lookup per event.
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                        processor.name(),
                        (config, builder) -> builder.allowReset(true).enableSequenceIdentifierCache());
            }
        }
    }
}
