package org.orderplatform.it;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Finished spans, kept in memory (Spring Boot adds every SpanExporter bean to the tracer). */
@TestConfiguration(proxyBeanMethods = false)
class TestSpans {

    @Bean
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
