package org.orderplatform.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when no external server of a kind is configured (its address property is empty). */
final class NoExternalInfrastructure {

    private NoExternalInfrastructure() {}

    static boolean unset(ConditionContext context, String property) {
        return !StringUtils.hasText(context.getEnvironment().getProperty(property));
    }

    static final class Database implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return unset(context, "spring.datasource.url");
        }
    }

    static final class Broker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return unset(context, "spring.kafka.bootstrap-servers");
        }
    }

    /** The data directory is needed when either server runs embedded. */
    static final class Either implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return unset(context, "spring.datasource.url") || unset(context, "spring.kafka.bootstrap-servers");
        }
    }
}
