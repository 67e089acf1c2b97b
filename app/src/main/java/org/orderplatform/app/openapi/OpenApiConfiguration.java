package org.orderplatform.app.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's cover page ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI orderPlatformOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Order platform API").version("v1").description("""
                        Commands and queries for orders. Every POST needs an `Idempotency-Key`; changes to an \
                        order need `If-Match` with its ETag. Errors are `application/problem+json` (RFC 9457) \
                        with a stable `type`; `GET /problems` lists them."""));
    }
}
