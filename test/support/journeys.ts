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
  /** What has gone back of the payment in the end, when the journey refunds some of it. */
  refunded?: number;
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
/** Stripe's `charge.refunded`: `total` is the payment's refunded total after this refund (of $49.00). */
const refundedUpTo =
  (total: number): MakeEvent =>
  (ids) =>
    stripeEvent('charge.refunded', {
      object: 'charge',
      id: `ch_${ids.paymentIntent.slice(3)}`,
      amount: 4900,
      amount_refunded: total,
      refunded: total >= 4900,
      payment_intent: ids.paymentIntent,
      metadata: { bookingId: ids.bookingId },
    });
const refunded = refundedUpTo(4900);

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
  { name: 'paid, then refunded', events: [completedPaid, refunded], expected: 'refunded', refunded: 4900 },
  {
    name: 'paid, then refunded in part twice',
    events: [completedPaid, refundedUpTo(1000), refundedUpTo(3000)],
    expected: 'paid',
    refunded: 3000,
  },
  {
    name: 'paid, refunded in parts, then the rest',
    events: [completedPaid, refundedUpTo(1000), refundedUpTo(3000), refunded],
    expected: 'refunded',
    refunded: 4900,
  },
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
