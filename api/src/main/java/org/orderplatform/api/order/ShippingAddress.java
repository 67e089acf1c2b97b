package org.orderplatform.api.order;

/** Where an order goes. {@code country} is an ISO 3166-1 alpha-2 code; {@code line2} and {@code region} may be null. */
public record ShippingAddress(
        String recipient, String line1, String line2, String city, String region, String postalCode, String country) {}
