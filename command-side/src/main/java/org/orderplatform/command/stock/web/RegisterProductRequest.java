package org.orderplatform.command.stock.web;

import static org.orderplatform.api.order.OrderLimits.ID_PATTERN;
import static org.orderplatform.api.order.OrderLimits.MAX_ID_LENGTH;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /admin/products}; {@code initialStock} is optional (0). */
record RegisterProductRequest(
        @Schema(example = "KEYBOARD-DE") @NotBlank @Size(max = MAX_ID_LENGTH) @Pattern(regexp = ID_PATTERN)
        String sku,

        @Schema(example = "Keyboard, German layout") @NotBlank @Size(max = 200)
        String name,

        @Schema(nullable = true, description = "Units in stock from the start (absent: 0)", example = "10")
        @Min(0)
        @Max(1_000_000)
        Integer initialStock) {}
