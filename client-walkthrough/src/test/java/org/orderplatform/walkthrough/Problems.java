package org.orderplatform.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.orderplatform.client.ApiClient;
import org.orderplatform.client.ApiException;
import org.orderplatform.client.model.Problem;

/**
 * An error as the generated client surfaces it: an {@link ApiException} with the status and the
 * {@code application/problem+json} body, read as the document's {@link Problem}.
 */
record Problems(ApiException exception, Problem problem, JsonNode body) {

    private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper();

    /** Runs the call, which must fail with this status, and answers the problem it carried. */
    static Problems expect(int status, ThrowingCallable call) {
        ApiException exception = thrown(call);
        assertThat(exception.getCode()).as(exception.getResponseBody()).isEqualTo(status);
        assertThat(exception.getResponseHeaders().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        try {
            return new Problems(
                    exception,
                    JSON.readValue(exception.getResponseBody(), Problem.class),
                    JSON.readTree(exception.getResponseBody()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the call, which must fail with an {@link ApiException}, and answers it. */
    static ApiException thrown(ThrowingCallable call) {
        ApiException exception = catchThrowableOfType(ApiException.class, call);
        assertThat(exception).as("the call failed with an ApiException").isNotNull();
        return exception;
    }

    String type() {
        return problem.getType();
    }
}
