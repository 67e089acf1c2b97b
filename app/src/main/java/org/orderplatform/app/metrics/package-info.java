/**
 * The platform's own meters, beside Spring Boot's ({@code http.server.requests}, with latency
 * histograms) and Axon's ({@code axon-micrometer}): commands by type and outcome, and every
 * streaming processor's lag.
 */
package org.orderplatform.app.metrics;
