import type { BookingStore } from '../store/index.js';
import { refundedSoFar, type BookingRecord, type HistoryEntry, type PaymentStatus } from './booking.js';
import type { EventOutcome, PaymentEvent } from './payment-event.js';

type RefundEvent = Extract<PaymentEvent, { kind: 'charge_refunded' }>;

/** States whose payment may go back in part without the booking moving: it keeps its state, and says what went back. */
const keepsState: PaymentStatus[] = ['paid', 'disputed', 'cancelled'];

/** States an event about a payment's refund waits in: the payment itself has not arrived yet. */
const beforePayment: PaymentStatus[] = ['pending', 'processing', 'expired', 'failed'];

/**
 * The refunded total the booking's own steps account for: the largest total a step recorded (Stripe's
 * `amount_refunded` only grows), or what a cancellation under way is sending back.
 */
export function accountedFor(booking: BookingRecord): number {
  const recorded = Math.max(0, ...booking.history.map((entry) => entry.refunded ?? 0));
  const cancelling = booking.cancelRequest ? refundedSoFar(booking) + booking.cancelRequest.amount : 0;
  return Math.max(recorded, cancelling);
}

/** The amounts a refund event's history entry carries: what it sent back beyond what the history had, and the total. */
export function refundAmounts(event: RefundEvent, booking: BookingRecord): Pick<HistoryEntry, 'amount' | 'refunded'> {
  return { amount: Math.max(0, event.amountRefunded - accountedFor(booking)), refunded: event.amountRefunded };
}

/** Whether a `charge.refunded` event is recorded as money sent back rather than a move to `refunded`. */
export const isRefundStep = (event: PaymentEvent, booking: BookingRecord): event is RefundEvent =>
  event.kind === 'charge_refunded' && (!event.fullyRefunded || booking.paymentStatus !== 'paid');

/**
 * Records a `charge.refunded` that moves no state: part of a paid booking's payment went back (the
 * console, the Dashboard, a cancellation's refund), or more of a cancelled one's. Stripe's
 * `amount_refunded` is the payment's refunded total, so events counted in any order and any
 * number of times add up to it exactly: an event whose total the history already reaches adds
 * nothing, and the one that goes beyond it adds one entry with the difference (which the outbox
 * announces). The caller holds the booking's lock, and has found the event not applied before.
 */
export async function applyRefundStep(
  bookings: BookingStore,
  booking: BookingRecord,
  event: RefundEvent,
  at: Date,
): Promise<EventOutcome> {
  if (beforePayment.includes(booking.paymentStatus))
    return { bookingId: booking.id, outcome: 'parked', reason: 'waiting_for_predecessor' };
  const amounts = refundAmounts(event, booking);
  const news = keepsState.includes(booking.paymentStatus) && amounts.amount! > 0;
  const entry: HistoryEntry = {
    status: booking.paymentStatus,
    at,
    eventId: event.eventId,
    type: event.type,
    ...amounts,
  };
  await bookings.recordRefunded(booking.id, event.amountRefunded, news ? entry : null);
  return {
    bookingId: booking.id,
    outcome: news ? 'applied' : 'unchanged',
    paymentIntentId: booking.stripePaymentIntentId,
  };
}
