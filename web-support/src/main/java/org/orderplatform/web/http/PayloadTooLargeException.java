package org.orderplatform.web.http;

import java.io.IOException;

/** Reading the request body went past {@code orders.http.max-request-body-size}. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body exceeds the limit of " + limit + " bytes");
    }
}
