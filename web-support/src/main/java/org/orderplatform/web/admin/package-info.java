/**
 * The admin API's guard until real authentication exists: a static key ({@code ORDERS_ADMIN_API_KEY})
 * in the {@code X-Admin-Key} header on every {@code /admin/**} request.
 */
package org.orderplatform.web.admin;
