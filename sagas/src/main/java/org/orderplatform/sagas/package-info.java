/** Process managers (Axon sagas) that coordinate aggregates over time, with compensations and deadlines. */
package org.orderplatform.sagas;
