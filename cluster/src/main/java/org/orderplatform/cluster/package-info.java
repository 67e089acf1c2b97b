/**
 * Gossip membership among the platform's nodes and the gateway: SWIM failure detection and
 * metadata dissemination on ScaleCube Cluster (ADR 0009). Each member announces its
 * {@link org.orderplatform.cluster.NodeMetadata}; {@link org.orderplatform.cluster.Membership}
 * keeps the view every member converges on, and spreads small shared state (topics) by gossip.
 */
package org.orderplatform.cluster;
