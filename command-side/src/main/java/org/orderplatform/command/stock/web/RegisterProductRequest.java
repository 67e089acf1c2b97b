package org.orderplatform.command.stock.web;

import static org.orderplatform.api.order.OrderLimits.ID_PATTERN;
import static org.orderplatform.api.order.OrderLimits.MAX_ID_LENGTH;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /admin/products}; {@code initialStock} is optional (0). */
record RegisterProductRequest(
        @NotBlank @Size(max = MAX_ID_LENGTH) @Pattern(regexp = ID_PATTERN)
        String sku,

        @NotBlank @Size(max = 200) String name,
        @Min(0) @Max(1_000_000) Integer initialStock) {}
