package org.orderplatform.command.order.web;

/** What every order command answers: which order, and its version now (the same as the ETag). */
record OrderWriteResult(String orderId, long version) {}
