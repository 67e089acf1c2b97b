package org.orderplatform.web.idempotency;

import java.util.List;
import java.util.Map;

/** The first response to a key, replayed verbatim (status, headers, body) to every retry. */
record StoredResponse(int status, String contentType, Map<String, List<String>> headers, byte[] body) {}
