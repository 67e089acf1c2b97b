/**
 * The write side: event-sourced aggregates decide, their events are the only state that is stored.
 * One sub-package per aggregate holds the aggregate, its rules and its REST command API.
 */
package org.orderplatform.command;
