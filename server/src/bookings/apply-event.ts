import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BookingStore } from '../store/index.js';
import type { BookingRecord, CheckoutRecord, PaymentStatus } from './booking.js';
import type { PaymentGateway } from './payment-gateway.js';
import { appliedBeforeReason, type EventOutcome, type PaymentEvent } from './payment-event.js';
import { applyRefundStep, isRefundStep, refundAmounts } from './refund-steps.js';
import { seatless, type SeatRules } from './seats.js';
import { transitionFor, type Transition } from './state-machine.js';

/** What applying an event runs on. */
export interface ApplyDeps {
  bookings: BookingStore;
  seats: SeatRules;
  gateway: Pick<PaymentGateway, 'refundPayment'>;
  logger?: Logger | undefined;
}

/**
 * Moves the event's booking through the state machine with one conditional update. Only what this
 * backend created can move a booking: a session it recorded on that booking, charging what that
 * attempt charged, or a payment intent linked from such a session. Anything else is ignored, with
 * the reason. A late or repeated event matches no from-state and changes nothing.
 */
export async function applyPaymentEvent(
  deps: ApplyDeps,
  event: PaymentEvent,
  at: Date,
  /** The event's session record, when the caller read it already (records never change). */
  known?: CheckoutRecord,
): Promise<EventOutcome> {
  const { bookings, seats } = deps;
  if (event.kind === 'ignored') return ignored(null, 'unhandled_type');
  const transition = transitionFor(event);
  // A refund moves money, if not always the state: one before its payment waits for it.
  const moves = !!transition || event.kind === 'charge_refunded';
  const found =
    'sessionId' in event ? await ownSession(bookings, event, known) : await ownPayment(bookings, event, moves);
  if ('reason' in found) return ignored(found.bookingId, found.reason);
  if ('waitFor' in found)
    return { bookingId: null, outcome: 'parked', reason: found.waitFor, paymentIntentId: found.paymentIntentId };
  const { booking } = found;
  // Applied before. (The update's own filter says so too, but FerretDB 1.x reads `$ne` on an array
  // path as "some element differs"; the booking's lock makes this read-then-write safe.)
  const appliedBefore = booking.history.some((entry) => entry.eventId === event.eventId);
  // Money sent back that moves no state (a part of it, or more of a cancelled booking's) is recorded as such.
  if (!appliedBefore && isRefundStep(event, booking)) return applyRefundStep(bookings, booking, event, at);
  if (!transition || appliedBefore) {
    // A seatless booking gives its seat back here too: a crash may have come between its move and the release.
    if (seatless.includes(booking.paymentStatus)) await seats.release(booking);
    // Its move is this event's own, made by a delivery that died before recording it: the events
    // parked behind it may not have had their turn (the caller gives it, and so does any duplicate).
    if (appliedBefore)
      return {
        bookingId: booking.id,
        outcome: 'unchanged',
        reason: appliedBeforeReason,
        paymentIntentId: booking.stripePaymentIntentId,
      };
    return { bookingId: booking.id, outcome: 'unchanged' };
  }
  // Money arriving keeps the booking's seat first: a payment that finds none left goes back.
  if (transition.from.includes(booking.paymentStatus) && (transition.to === 'paid' || transition.to === 'processing')) {
    const seated = await seats.take(booking, null);
    if (!seated && transition.to === 'paid') return refundUnseated(deps, booking, event, at);
  }
  const moved = await bookings.transition({
    id: booking.id,
    from: transition.from,
    to: transition.to,
    entry: {
      status: transition.to,
      at,
      eventId: event.eventId,
      type: event.type,
      ...(event.kind === 'charge_refunded' ? refundAmounts(event, booking) : {}),
    },
    sessionId: transition.currentSessionOnly && 'sessionId' in event ? event.sessionId : undefined,
    set: paymentFields(event, transition),
    refunded: event.kind === 'charge_refunded' ? event.amountRefunded : undefined,
  });
  if (moved) {
    if (seatless.includes(transition.to)) await seats.release(booking);
    // The payment the booking now links (its parked refunds and disputes wait for it).
    const paymentIntentId = ('sessionId' in event && event.paymentIntentId) || booking.stripePaymentIntentId;
    return { bookingId: booking.id, outcome: 'applied', paymentIntentId };
  }
  if (isEarly(event, booking)) return { bookingId: booking.id, outcome: 'parked', reason: 'waiting_for_predecessor' };
  return { bookingId: booking.id, outcome: 'unchanged' };
}

/** What a session's payment tells the booking: its payment intent, and what was paid after discounts. */
function paymentFields(event: PaymentEvent, transition: Transition) {
  if (!('sessionId' in event)) return {};
  const paid = transition.to === 'paid' || transition.to === 'processing';
  return {
    ...(event.paymentIntentId ? { stripePaymentIntentId: event.paymentIntentId } : {}),
    ...(paid && event.invoiceId ? { stripeInvoiceId: event.invoiceId } : {}),
    ...(paid && event.amountTotal !== null ? { amountPaid: event.amountTotal } : {}),
  };
}

/** States from which money that found no seat is sent back. */
const unpaid: PaymentStatus[] = ['pending', 'processing', 'expired', 'failed'];

/**
 * Money arrived for a booking whose seat was given away meanwhile (its session expired, then the
 * course sold out): refund it in full through Stripe (once, by its idempotency key), move the
 * booking to `refunded` with a history entry saying why, and tell the operator.
 */
async function refundUnseated(deps: ApplyDeps, booking: BookingRecord, event: PaymentEvent, at: Date) {
  const paymentIntentId = 'paymentIntentId' in event ? event.paymentIntentId : null;
  // A payment a promotion code made free has no payment intent: nothing to send back.
  const invoice = 'invoiceId' in event ? event.invoiceId : null;
  const total = 'amountTotal' in event ? event.amountTotal : null;
  if (paymentIntentId) {
    const key = `refund_no_seat_${booking.id}_${paymentIntentId}`;
    // With an invoice (and its total known), through a credit note on it.
    await deps.gateway.refundPayment(paymentIntentId, key, invoice && total ? total : undefined, invoice);
  }
  const moved = await deps.bookings.transition({
    id: booking.id,
    from: unpaid,
    to: 'refunded',
    entry: { status: 'refunded', at, eventId: event.eventId, type: 'refund.no_seat_left' },
    set: paymentFields(event, { from: unpaid, to: 'paid', currentSessionOnly: false }),
  });
  deps.logger?.warn('payment refunded: the course sold out before it arrived', {
    bookingId: booking.id,
    courseId: booking.courseId,
    paymentIntentId,
    eventId: event.eventId,
  });
  return { bookingId: booking.id, outcome: moved ? 'applied' : 'unchanged', reason: 'no_seat_left' } as EventOutcome;
}

/**
 * Whether an event that moved nothing may move the booking once an event it follows arrives:
 * a refund or dispute before the payment it is about, a dispute won before it was opened.
 */
function isEarly(event: PaymentEvent, booking: BookingRecord): boolean {
  const unpaid = ['pending', 'processing', 'expired', 'failed'].includes(booking.paymentStatus);
  switch (event.kind) {
    case 'charge_refunded':
      return event.fullyRefunded && unpaid;
    case 'dispute_created':
      return unpaid;
    case 'dispute_closed':
      return unpaid || (event.outcome === 'won' && booking.paymentStatus === 'paid');
    default:
      return false;
  }
}

/** The booking an event is about, if it is one of ours: what to lock while it is applied (and its session's record). */
export async function bookingOf(
  bookings: BookingStore,
  event: PaymentEvent,
): Promise<{ id: string; session?: CheckoutRecord } | null> {
  if (event.kind === 'ignored') return null;
  if ('sessionId' in event) {
    // The session's record names its booking; the booking itself is read under its lock.
    const session = await bookings.findSessionRecord(event.sessionId);
    return session ? { id: session.bookingId, session } : null;
  }
  const linked = event.paymentIntentId ? await bookings.findByPaymentIntent(event.paymentIntentId) : null;
  return linked ? { id: linked.id } : null;
}

type Found =
  | { booking: BookingRecord }
  | { bookingId: string | null; reason: string }
  | { waitFor: string; paymentIntentId: string };

/** The booking that created this session, if the session charges what that attempt charged. */
async function ownSession(
  bookings: BookingStore,
  event: Extract<PaymentEvent, { sessionId: string }>,
  known: CheckoutRecord | undefined,
): Promise<Found> {
  // The record never changes; the booking is read afresh (under its lock).
  const booking = known?.id === event.sessionId ? await bookings.findById(known.bookingId) : null;
  const own = booking && known ? { booking, session: known } : await bookings.findBySession(event.sessionId);
  if (own) {
    const { booking, session } = own;
    if (session.currency !== event.currency || session.amount !== event.amountSubtotal) {
      return { bookingId: booking.id, reason: 'amount_mismatch' };
    }
    return { booking };
  }
  // Ours, created a moment ago and not recorded yet: Stripe must deliver again.
  const named = event.bookingId ? await bookings.findById(event.bookingId) : null;
  if (named?.paymentStatus === 'pending' && named.stripeSessionId === null) throw bookingUnknown();
  return { bookingId: null, reason: 'foreign_session' };
}

/**
 * The booking whose own session created this payment intent. A payment intent not linked to one
 * (yet) waits: its session's completion may still be on its way, and a payment intent that is not
 * ours never links, so its event never moves anything.
 */
async function ownPayment(
  bookings: BookingStore,
  event: Exclude<PaymentEvent, { sessionId: string } | { kind: 'ignored' }>,
  moves: boolean,
): Promise<Found> {
  const booking = event.paymentIntentId ? await bookings.findByPaymentIntent(event.paymentIntentId) : null;
  if (booking) return { booking };
  if (moves && event.paymentIntentId)
    return { waitFor: 'unknown_payment_intent', paymentIntentId: event.paymentIntentId };
  // A card declined on our own open checkout: routine (Checkout lets the student try again), and
  // not linked yet because the session has not completed. Its metadata names the booking; only a
  // hint, so it changes the words in the log, never a booking.
  if (event.kind === 'payment_failed' && event.bookingId) {
    const named = await bookings.findById(event.bookingId);
    if (named?.paymentStatus === 'pending') return { bookingId: named.id, reason: 'declined_in_checkout' };
  }
  return { bookingId: null, reason: 'foreign_payment_intent' };
}

function ignored(bookingId: string | null, reason: string): EventOutcome {
  return { bookingId, outcome: 'ignored', reason };
}

function bookingUnknown(): AppError {
  return new AppError(503, 'booking_unknown', 'This event is for a booking not known yet; deliver it again later.');
}
