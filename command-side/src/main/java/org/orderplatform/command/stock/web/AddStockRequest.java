package org.orderplatform.command.stock.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /admin/products/{sku}/stock}: units received. */
record AddStockRequest(
        @Schema(example = "25") @NotNull @Min(1) @Max(1_000_000)
        Integer quantity) {}
