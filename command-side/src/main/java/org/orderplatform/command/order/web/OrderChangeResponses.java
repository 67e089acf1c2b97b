package org.orderplatform.command.order.web;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a change to an existing order answers, in the OpenAPI document: its new version and
 * consistency token, or the problems of a conditional change (the problem bodies come from
 * web-support's problem documentation).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
        responseCode = "200",
        description = "Changed: the order's new version and consistency token",
        headers = {
            @Header(
                    name = "ETag",
                    required = true,
                    description = "The order's new version",
                    schema = @Schema(type = "string", example = "\"2\"")),
            @Header(
                    name = ConsistencyTokens.HEADER,
                    required = true,
                    description = "Send it back on a query to read this change",
                    schema = @Schema(type = "integer", format = "int64", example = "11"))
        })
@ApiResponse(
        responseCode = "409",
        description = "The order's status does not allow this change (`orderStatus` says which it is),"
                + " or another request changed the order at the same moment")
@ApiResponse(
        responseCode = "412",
        description = "If-Match is not the order's version (`currentVersion` says which it is)")
@ApiResponse(responseCode = "428", description = "If-Match is missing")
@interface OrderChangeResponses {}
