package org.orderplatform.app.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's cover page ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}), and one group per API version ({@code /v3/api-docs/v1},
 * {@code /v3/api-docs/v2}) plus the admin API.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI orderPlatformOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Order platform API").version("v1, v2").description("""
                        Commands and queries for orders. Every call under /api and /admin needs an API key \
                        (`X-API-Key`) with the scope it asks for. Every POST needs an `Idempotency-Key`; changes \
                        to an order need `If-Match` with its ETag. Errors are `application/problem+json` \
                        (RFC 9457) with a stable `type`; `GET /problems` lists them. v1 order reads are \
                        deprecated in favour of v2 (see the Deprecation and Sunset headers)."""));
        // security (per operation), the Idempotency-Key header and the problems every operation
        // can answer come from the middleware that enforces them (web-support's customizers)
    }

    @Bean
    GroupedOpenApi allApis() {
        return GroupedOpenApi.builder()
                .group("all")
                .pathsToMatch("/api/**", "/admin/**")
                .build();
    }

    @Bean
    GroupedOpenApi v1() {
        return GroupedOpenApi.builder().group("v1").pathsToMatch("/api/v1/**").build();
    }

    @Bean
    GroupedOpenApi v2() {
        return GroupedOpenApi.builder().group("v2").pathsToMatch("/api/v2/**").build();
    }

    @Bean
    GroupedOpenApi admin() {
        return GroupedOpenApi.builder().group("admin").pathsToMatch("/admin/**").build();
    }
}
