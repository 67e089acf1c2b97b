package org.orderplatform.command.locking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderplatform.api.order.PlaceOrderCommand;
import org.orderplatform.command.order.Order;
import org.orderplatform.command.payment.Payment;
import org.orderplatform.command.stock.Stock;

class CreationCommandsTest {

    /** Only placing an order always creates; the others load (CREATE_IF_MISSING loads when present). */
    @Test
    void onlyCommandsThatAlwaysCreateGoWithoutALock() {
        assertThat(CreationCommands.of(List.of(Order.class, Stock.class, Payment.class)))
                .containsExactly(PlaceOrderCommand.class);
    }
}
