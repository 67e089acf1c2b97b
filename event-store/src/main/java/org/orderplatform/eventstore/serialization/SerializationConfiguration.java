package org.orderplatform.eventstore.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Two JSON mappers on purpose. Stored events and snapshots are read back for years, so Axon gets
 * its own mapper whose settings never change with the HTTP API's: it tolerates unknown fields
 * (old readers, new events) and writes dates as ISO strings. The HTTP mapper is Spring Boot's,
 * tuned by {@code spring.jackson.*} (strict about types for client input).
 */
@Configuration(proxyBeanMethods = false)
class SerializationConfiguration {

    /** Axon looks this bean up by name for its Jackson serializer (messages, events, snapshots). */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** Boot backs off its own mapper once another exists; keep it, and keep it the default. */
    @Bean
    @Primary
    ObjectMapper jacksonObjectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }
}
