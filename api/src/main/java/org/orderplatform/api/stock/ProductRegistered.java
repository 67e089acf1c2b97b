package org.orderplatform.api.stock;

/** A product now has stock (zero units to begin with). */
public record ProductRegistered(String stockId, String sku, String name) {}
