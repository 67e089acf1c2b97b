/**
 * Every read model has two physical table sets, slots {@code a} and {@code b}. Queries and the live
 * projection use the active one; a zero-downtime rebuild fills the other and then switches.
 */
package org.orderplatform.query.slot;
