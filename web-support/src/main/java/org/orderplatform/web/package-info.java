/**
 * HTTP plumbing shared by every API module: RFC 9457 problem responses ({@code problem}),
 * Idempotency-Key handling ({@code idempotency}), request limits and entity tags ({@code http}),
 * the text every JSON request body may carry ({@code text}).
 */
package org.orderplatform.web;
