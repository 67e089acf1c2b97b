package org.orderplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.http.HttpStatus;

class ProblemErrorHandlerTest {

    @Test
    void everyWayANodesConnectionFailsIsABadGateway() {
        // a node killed mid-request: its connection reset (Netty's native transport: an IOException too)
        Throwable reset = new SocketException("Connection reset by peer");

        assertThat(ProblemErrorHandler.problemFor(reset).status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(ProblemErrorHandler.problemFor(new IllegalStateException("wrapped", reset))
                        .status())
                .isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(ProblemErrorHandler.problemFor(new ConnectException("refused"))
                        .status())
                .isEqualTo(HttpStatus.BAD_GATEWAY);
    }

    @Test
    void noNodeToTakeItIsUnavailableAndAnythingElseTheGatewaysOwnFault() {
        assertThat(ProblemErrorHandler.problemFor(NotFoundException.create(true, "no instance"))
                        .status())
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(ProblemErrorHandler.problemFor(new IllegalStateException("bug"))
                        .status())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
