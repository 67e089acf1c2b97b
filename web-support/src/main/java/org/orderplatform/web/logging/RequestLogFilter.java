package org.orderplatform.web.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.orderplatform.web.WebSupportConfiguration;
import org.orderplatform.web.http.RequestPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One log line per call under {@code /api/} or {@code /admin/}: method, route pattern
 * ({@code /api/v1/orders/{orderId}}: no ids, no customer ids), status and time, with the
 * correlation id and the client (the key's name) from the MDC. Query strings, bodies and headers
 * are left out. Logger
 * {@code org.orderplatform.web.logging.RequestLogFilter}: set it to WARN to silence it.
 */
public class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !log.isInfoEnabled() || !(path.startsWith("/api/") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            log.info(
                    "{} {} {} {}ms",
                    request.getMethod(),
                    route != null ? route : "(no route)",
                    response.getStatus(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
            var registration = new FilterRegistrationBean<>(new RequestLogFilter());
            registration.setOrder(WebSupportConfiguration.REQUEST_LOG_ORDER);
            return registration;
        }
    }
}
