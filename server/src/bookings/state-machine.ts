import type { PaymentStatus } from './booking.js';
import type { PaymentEvent } from './payment-event.js';

/** A move through the state machine: allowed from-states, the to-state, and whether the session must be the current one. */
export interface Transition {
  from: PaymentStatus[];
  to: PaymentStatus;
  /** Only the booking's current Checkout Session may move it (an old session's expiry must not). */
  currentSessionOnly: boolean;
}

/**
 * The design's state machine. Returns null for facts that are recorded but move nothing
 * (a declined card inside Checkout, a partial refund, event types we do not handle).
 * Events may arrive in any order, so each also accepts the states an earlier, late event would have left.
 */
export function transitionFor(event: PaymentEvent): Transition | null {
  switch (event.kind) {
    case 'session_completed':
      return event.paymentStatus === 'unpaid'
        ? { from: ['pending'], to: 'processing', currentSessionOnly: false }
        : { from: ['pending', 'processing', 'expired', 'failed'], to: 'paid', currentSessionOnly: false };
    case 'async_payment_succeeded':
      return { from: ['pending', 'processing', 'expired', 'failed'], to: 'paid', currentSessionOnly: false };
    case 'async_payment_failed':
      return { from: ['pending', 'processing'], to: 'failed', currentSessionOnly: true };
    case 'session_expired':
      return { from: ['pending'], to: 'expired', currentSessionOnly: true };
    case 'charge_refunded':
      return event.fullyRefunded ? { from: ['paid'], to: 'refunded', currentSessionOnly: false } : null;
    case 'dispute_created':
      return { from: ['paid'], to: 'disputed', currentSessionOnly: false };
    case 'dispute_closed':
      return event.outcome === 'won'
        ? { from: ['disputed'], to: 'paid', currentSessionOnly: false }
        : { from: ['disputed', 'paid'], to: 'refunded', currentSessionOnly: false };
    case 'payment_failed':
    case 'ignored':
      return null;
  }
}
