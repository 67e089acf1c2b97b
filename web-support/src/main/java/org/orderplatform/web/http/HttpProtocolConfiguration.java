package org.orderplatform.web.http;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.orderplatform.web.problem.ProblemResponseWriter;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * HTTP details every answer depends on: the {@code Accept} header read with its quality values,
 * and {@code TRACE} answered by the application (405 as problem+json, {@link TraceRefusalFilter})
 * instead of by Tomcat, which refused it with an empty body before any filter or error page saw
 * it. Tomcat lets TRACE in only because that filter, the first of all, answers every one.
 */
@Configuration(proxyBeanMethods = false)
public class HttpProtocolConfiguration implements WebMvcConfigurer {

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new AcceptHeader()));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> traceThroughToTheApplication() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
    }

    @Bean
    FilterRegistrationBean<TraceRefusalFilter> traceRefusalFilter(ProblemResponseWriter problems) {
        var registration = new FilterRegistrationBean<>(new TraceRefusalFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
        return registration;
    }
}
