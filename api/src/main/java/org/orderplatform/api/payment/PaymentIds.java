package org.orderplatform.api.payment;

/** The aggregate id of an order's payment: one payment per order, its type in the id (see StockIds). */
public final class PaymentIds {

    private PaymentIds() {}

    public static String of(String orderId) {
        return "payment:" + orderId;
    }
}
