/**
 * Faults injected on purpose, for canary and chaos tests: a node told to fail, slow down or stop
 * being ready, through {@code /admin/faults}. Off unless {@code orders.faults.enabled} is true
 * (never in production): without it neither the endpoint nor the filter exists.
 */
package org.orderplatform.web.faults;
