/** Every streaming processor, declared by the module that runs it and registered and tuned here. */
package org.orderplatform.eventstore.processing;
