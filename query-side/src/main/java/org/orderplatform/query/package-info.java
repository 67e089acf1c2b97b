/**
 * The read side. Streaming processors project events into PostgreSQL read models (one processing
 * group per read model, each updated in the same transaction as its token); REST controllers
 * answer queries from them; the admin API replays, rebuilds and redrives them.
 */
package org.orderplatform.query;
