package org.orderplatform.web.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.orderplatform.web.WebSupportConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per call under {@code /api/} or {@code /admin/}: method, path, status and time,
 * with the correlation id and the client (the key's name) from the MDC. The query string is left
 * out (it may hold customer ids); so are bodies and headers. Logger
 * {@code org.orderplatform.web.logging.RequestLogFilter}: set it to WARN to silence it.
 */
public class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !log.isInfoEnabled() || !(path.startsWith("/api/") || path.startsWith("/admin/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            log.info(
                    "{} {} {} {}ms",
                    request.getMethod(),
                    request.getRequestURI(),
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
