package org.orderplatform.webhooks.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a list and the link to the next one (null on the last page; also a Link header). */
public record Page<T>(List<T> items, Links links) {

    @Schema(name = "PageLinks")
    public record Links(@Schema(nullable = true) String next) {}
}
