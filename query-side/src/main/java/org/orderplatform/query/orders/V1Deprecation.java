package org.orderplatform.query.orders;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The v1 order reads have a successor: their answers say so, with {@code Deprecation} (RFC 9745),
 * {@code Sunset} (RFC 8594) and a {@code Link} to the v2 resource ({@code rel="successor-version"},
 * after the page links), so clients and gateways can warn before v1 goes.
 */
@ControllerAdvice(assignableTypes = OrderQueryController.class)
class V1Deprecation implements ResponseBodyAdvice<Object> {

    private final String deprecation;
    private final String sunset;

    V1Deprecation(
            @Value("${orders.api.v1.deprecated-at:2026-12-01T00:00:00Z}") Instant deprecatedAt,
            @Value("${orders.api.v1.sunset:2027-06-30T00:00:00Z}") Instant sunset) {
        this.deprecation = "@" + deprecatedAt.getEpochSecond();
        this.sunset = DateTimeFormatter.RFC_1123_DATE_TIME.format(sunset.atOffset(ZoneOffset.UTC));
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        String path = request.getURI().getPath();
        if (path.startsWith("/api/v1/orders")) {
            HttpHeaders headers = response.getHeaders();
            headers.set("Deprecation", deprecation);
            headers.set("Sunset", sunset);
            // after the page links (the list the controller set cannot be appended to)
            List<String> links = new ArrayList<>(headers.getOrEmpty(HttpHeaders.LINK));
            links.add("<" + path.replaceFirst("^/api/v1/", "/api/v2/") + ">; rel=\"successor-version\"");
            headers.put(HttpHeaders.LINK, links);
        }
        return body;
    }
}
