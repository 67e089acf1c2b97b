/** The read models' part of readiness: a node whose projections lag far behind stops taking queries. */
package org.orderplatform.query.health;
