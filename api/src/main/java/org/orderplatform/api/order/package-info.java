/**
 * The order's public messages: commands the REST API sends to the {@code Order} aggregate and the
 * events it records. Records only; every other module depends on these, never on each other.
 */
package org.orderplatform.api.order;
