/**
 * Correlation ids: the first stage of the middleware pipeline. Every request gets one (the
 * client's {@code X-Correlation-Id}, checked, or a new one), echoed on the response and put in the
 * log MDC; the Axon configuration carries it on into command and event metadata, Kafka headers
 * and webhook requests.
 */
package org.orderplatform.web.correlation;
