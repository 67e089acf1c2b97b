package org.orderplatform.command.order.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.orderplatform.api.order.ShippingAddress;

/** A shipping address; {@code country} is ISO 3166-1 alpha-2 ({@code DE}, {@code US}). */
record ShippingAddressRequest(
        @Schema(example = "Ada Lovelace") @NotBlank @Size(max = 200)
        String recipient,

        @Schema(example = "Unter den Linden 1") @NotBlank @Size(max = 200)
        String line1,

        @Schema(nullable = true) @Size(max = 200) String line2,

        @Schema(example = "Berlin") @NotBlank @Size(max = 100)
        String city,

        @Schema(nullable = true) @Size(max = 100) String region,
        @Schema(example = "10117") @NotBlank @Size(max = 20) String postalCode,

        @Schema(description = "ISO 3166-1 alpha-2", example = "DE") @NotNull @IsoCountry
        String country) {

    ShippingAddress toAddress() {
        return new ShippingAddress(recipient, line1, line2, city, region, postalCode, country);
    }
}
