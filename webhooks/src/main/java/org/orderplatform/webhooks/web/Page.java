package org.orderplatform.webhooks.web;

import java.util.List;

/** One page of a list and the link to the next one (null on the last page; also a Link header). */
public record Page<T>(List<T> items, Links links) {

    public record Links(String next) {}
}
