import type { CheckoutSession } from './payment-gateway.js';
import type { PaymentEvent } from './payment-event.js';

/**
 * What a retrieved Checkout Session says, as a payment event, for sync and the reconciler.
 * Its id names the fact, so reading the same fact twice applies it once. Null while the session is open.
 */
export function sessionEvent(session: CheckoutSession): PaymentEvent | null {
  const facts = {
    sessionId: session.id,
    bookingId: session.bookingId,
    paymentIntentId: session.paymentIntentId,
    amountSubtotal: session.amountSubtotal,
    currency: session.currency,
  };
  if (session.status === 'complete') {
    return {
      ...facts,
      kind: 'session_completed',
      eventId: `sync_${session.id}_complete_${session.paymentStatus}`,
      type: 'sync.checkout.session.completed',
      paymentStatus: session.paymentStatus,
    };
  }
  if (session.status === 'expired') {
    return {
      ...facts,
      kind: 'session_expired',
      eventId: `sync_${session.id}_expired`,
      type: 'sync.checkout.session.expired',
    };
  }
  return null;
}
