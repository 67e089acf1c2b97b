package org.orderplatform.query.projection;

import java.util.function.Supplier;
import org.orderplatform.query.slot.Slot;

/**
 * Makes a read model's event handler object, writing to the slot the supplier names. The live
 * projection follows the active slot; a rebuild writes to a fixed, inactive one.
 */
public interface Projections {

    ReadModel readModel();

    Object create(Supplier<Slot> slot);
}
