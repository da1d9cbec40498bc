import { sessionObject, stripeEvent } from './booking-harness.js';

/** What a journey's events are about: the booking, its Checkout Session and the payment's intent. */
export interface JourneyIds {
  bookingId: string;
  sessionId: string;
  paymentIntent: string;
}

/** One of a journey's events, made for a booking. */
export type MakeEvent = (ids: JourneyIds) => ReturnType<typeof stripeEvent>;

/** A payment journey: its events in causal order, and where that order leaves the booking. */
export interface Journey {
  name: string;
  events: MakeEvent[];
  expected: 'paid' | 'failed' | 'refunded';
}

const session =
  (type: string, fields: Record<string, unknown> = {}): MakeEvent =>
  (ids) =>
    stripeEvent(type, {
      ...sessionObject({ id: ids.sessionId, bookingId: ids.bookingId, payment_intent: ids.paymentIntent }),
      ...fields,
    });
const dispute =
  (type: string, status: string): MakeEvent =>
  (ids) =>
    stripeEvent(type, {
      object: 'dispute',
      id: `dp_${ids.paymentIntent.slice(3)}`,
      payment_intent: ids.paymentIntent,
      status,
    });
const refunded: MakeEvent = (ids) =>
  stripeEvent('charge.refunded', {
    object: 'charge',
    id: `ch_${ids.paymentIntent.slice(3)}`,
    amount: 4900,
    amount_refunded: 4900,
    refunded: true,
    payment_intent: ids.paymentIntent,
    metadata: { bookingId: ids.bookingId },
  });

const completedPaid = session('checkout.session.completed');
const completedUnpaid = session('checkout.session.completed', { payment_status: 'unpaid' });
const disputeOpened = dispute('charge.dispute.created', 'needs_response');

/** Every journey a booking's payment can take, for the harness's intro-ts course ($49.00). */
export const journeys: Journey[] = [
  { name: 'paid', events: [completedPaid], expected: 'paid' },
  {
    name: 'delayed, then paid',
    events: [completedUnpaid, session('checkout.session.async_payment_succeeded')],
    expected: 'paid',
  },
  {
    name: 'delayed, then failed',
    events: [completedUnpaid, session('checkout.session.async_payment_failed', { payment_status: 'unpaid' })],
    expected: 'failed',
  },
  {
    name: 'expired, then paid late',
    events: [session('checkout.session.expired', { status: 'expired', payment_status: 'unpaid' }), completedPaid],
    expected: 'paid',
  },
  { name: 'paid, then refunded', events: [completedPaid, refunded], expected: 'refunded' },
  {
    name: 'disputed, then won',
    events: [completedPaid, disputeOpened, dispute('charge.dispute.closed', 'won')],
    expected: 'paid',
  },
  {
    name: 'disputed, then lost',
    events: [completedPaid, disputeOpened, dispute('charge.dispute.closed', 'lost')],
    expected: 'refunded',
  },
];
