/**
 * Order fulfilment: reserve stock, authorize payment, confirm, ship (capture, commit stock),
 * deliver; and every compensation on the way. The steps are listed in
 * {@link org.orderplatform.sagas.fulfilment.OrderFulfilmentSaga} and in docs/sagas.md.
 */
package org.orderplatform.sagas.fulfilment;
