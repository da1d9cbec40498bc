import type { CheckoutSession, PaymentIntent } from './payment-gateway.js';
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
    invoiceId: session.invoiceId ?? null,
    amountSubtotal: session.amountSubtotal,
    amountTotal: session.amountTotal,
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

/**
 * What a completed, unpaid session's payment intent says of the delayed payment: Stripe leaves a
 * session whose delayed payment failed `complete`/`unpaid`, so only the intent tells. Null while it runs.
 */
export function intentEvent(session: CheckoutSession, intent: PaymentIntent): PaymentEvent | null {
  if (session.status !== 'complete' || (intent.status !== 'succeeded' && intent.status !== 'failed')) return null;
  const kind = intent.status === 'succeeded' ? 'async_payment_succeeded' : 'async_payment_failed';
  return {
    kind,
    eventId: `sync_${intent.id}_${intent.status}`,
    type: `sync.checkout.session.${kind}`,
    sessionId: session.id,
    bookingId: session.bookingId,
    paymentIntentId: intent.id,
    amountSubtotal: session.amountSubtotal,
    amountTotal: session.amountTotal,
    currency: session.currency,
  };
}
