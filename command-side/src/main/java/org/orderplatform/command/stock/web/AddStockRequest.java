package org.orderplatform.command.stock.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /admin/products/{sku}/stock}: units received. */
record AddStockRequest(@NotNull @Min(1) @Max(1_000_000) Integer quantity) {}
