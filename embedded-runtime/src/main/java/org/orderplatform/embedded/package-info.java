/**
 * The embedded defaults: a real PostgreSQL (zonky's embedded binaries) and a real single-node KRaft
 * Kafka broker, started in-process when no external database or broker is configured. The same
 * classes start them for the tests, so tests run against what users run.
 */
package org.orderplatform.embedded;
