/**
 * The platform's own meters, beside Spring Boot's ({@code http.server.requests}, with latency
 * histograms) and Axon's ({@code axon-micrometer}): commands by type and outcome. (Every streaming
 * processor's lag is the event-store module's, {@code ProcessorLag}.)
 */
package org.orderplatform.app.metrics;
