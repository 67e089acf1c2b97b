package org.orderplatform.gateway;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/** A node's refusal (its status and problem body), passed to the caller as the node gave it. */
final class NodeRefusal extends RuntimeException {

    private final HttpStatusCode status;
    private final MediaType contentType;
    private final byte[] body;

    NodeRefusal(HttpStatusCode status, MediaType contentType, byte[] body) {
        super("A node refused with " + status, null, false, false);
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    HttpStatusCode status() {
        return status;
    }

    MediaType contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }
}
