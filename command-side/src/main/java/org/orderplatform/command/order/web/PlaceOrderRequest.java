package org.orderplatform.command.order.web;

import static org.orderplatform.api.order.OrderLimits.ID_PATTERN;
import static org.orderplatform.api.order.OrderLimits.MAX_ID_LENGTH;
import static org.orderplatform.api.order.OrderLimits.MAX_LINES;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.orderplatform.api.order.PlaceOrderCommand;

/**
 * Body of {@code POST /api/v1/orders}. {@code paymentToken} names the customer's payment method at
 * the payment provider (with the sandbox provider: {@code tok_visa}, {@code tok_decline}, ...).
 */
record PlaceOrderRequest(
        @Schema(example = "customer-42") @NotBlank @Size(max = MAX_ID_LENGTH) @Pattern(regexp = ID_PATTERN)
        String customerId,

        @Schema(description = "ISO 4217, one per order", example = "EUR") @NotNull @IsoCurrency
        String currency,

        @NotNull @Size(min = 1, max = MAX_LINES) @DistinctSkus
        List<@NotNull @Valid OrderLineRequest> lines,

        @NotNull @Valid ShippingAddressRequest shippingAddress,

        @Schema(description = "The card's token from the payment provider's checkout", example = "tok_visa")
        @NotBlank
        @Size(max = MAX_ID_LENGTH)
        @Pattern(regexp = "[A-Za-z0-9_]+")
        String paymentToken) {

    PlaceOrderCommand toCommand(String orderId) {
        return new PlaceOrderCommand(
                orderId,
                customerId,
                currency,
                lines.stream().map(OrderLineRequest::toOrderLine).toList(),
                shippingAddress.toAddress(),
                paymentToken);
    }
}
