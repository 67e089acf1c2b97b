/** Request logging: one line per API call, after it is answered. */
package org.orderplatform.web.logging;
