package org.orderplatform.web.idempotency;

/** A key already used: the fingerprint of its request and the response it got. */
record StoredRequest(String fingerprint, StoredResponse response) {}
