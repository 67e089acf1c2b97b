/**
 * The application's own wiring: Axon's PostgreSQL storage layout, serializers, health indicators
 * and the startup report. Features live in their modules; this package only assembles them.
 */
package org.orderplatform.app;
