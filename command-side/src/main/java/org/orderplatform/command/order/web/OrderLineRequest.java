package org.orderplatform.command.order.web;

import static org.orderplatform.api.order.OrderLimits.ID_PATTERN;
import static org.orderplatform.api.order.OrderLimits.MAX_ID_LENGTH;
import static org.orderplatform.api.order.OrderLimits.MAX_QUANTITY;
import static org.orderplatform.api.order.OrderLimits.MAX_UNIT_PRICE_MINOR;
import static org.orderplatform.api.order.OrderLimits.MIN_QUANTITY;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.orderplatform.api.order.OrderLine;

/** One line: {@code unitPriceMinor} is in minor units of the order's currency (cents). */
record OrderLineRequest(
        @Schema(example = "KEYBOARD-DE") @NotBlank @Size(max = MAX_ID_LENGTH) @Pattern(regexp = ID_PATTERN)
        String sku,

        @Schema(example = "1") @NotNull @Min(MIN_QUANTITY) @Max(MAX_QUANTITY)
        Integer quantity,

        @Schema(description = "In minor units of the order's currency", example = "8999")
        @NotNull
        @Min(0)
        @Max(MAX_UNIT_PRICE_MINOR)
        Long unitPriceMinor) {

    OrderLine toOrderLine() {
        return new OrderLine(sku, quantity, unitPriceMinor);
    }
}
