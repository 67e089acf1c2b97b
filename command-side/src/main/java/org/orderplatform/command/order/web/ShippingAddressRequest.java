package org.orderplatform.command.order.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.orderplatform.api.order.ShippingAddress;

/** A shipping address; {@code country} is ISO 3166-1 alpha-2 ({@code DE}, {@code US}). */
record ShippingAddressRequest(
        @NotBlank @Size(max = 200) String recipient,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,
        @Size(max = 100) String region,
        @NotBlank @Size(max = 20) String postalCode,
        @NotNull @IsoCountry String country) {

    ShippingAddress toAddress() {
        return new ShippingAddress(recipient, line1, line2, city, region, postalCode, country);
    }
}
