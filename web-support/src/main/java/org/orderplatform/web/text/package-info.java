/**
 * What text the platform accepts, decided once at the edge: every string of every JSON request
 * body (values and field names) is checked before it is bound to a request object, so no field,
 * present or future, can forget it. Control characters and unpaired surrogates are refused with a
 * {@code 422 validation-failed} naming each field: they are never meaningful in the platform's
 * fields, and PostgreSQL refuses U+0000 in {@code text} and {@code jsonb}.
 */
package org.orderplatform.web.text;
