package org.orderplatform.query.orders;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The 304 of an order read (v1 and v2 alike), in the OpenAPI document. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
        responseCode = "304",
        description = "If-None-Match holds the order's version: unchanged",
        content = @Content,
        headers =
                @Header(
                        name = "ETag",
                        required = true,
                        description = "The order's version",
                        schema = @Schema(type = "string", example = "\"3\"")))
@interface NotModifiedResponse {}
