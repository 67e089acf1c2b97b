package org.orderplatform.sandbox.payments;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The sandbox's beans exist unless {@code orders.payments.sandbox.enabled} is {@code false}: a
 * deployment with a real provider should not also answer fake approvals to anyone who asks.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "orders.payments.sandbox.enabled", havingValue = "true", matchIfMissing = true)
@interface SandboxEnabled {}
