package org.orderplatform.command.order.web;

/**
 * What every order command answers: which order, its version now (the same as the ETag), and the
 * consistency token to send as {@code X-Consistency-Token} to read this write back.
 */
record OrderWriteResult(String orderId, long version, long consistencyToken) {}
