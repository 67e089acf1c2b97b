/** HTTP helpers shared by the webhook endpoints: keyset pages and their links. */
package org.orderplatform.webhooks.web;
