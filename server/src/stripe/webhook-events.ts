import Stripe from 'stripe';
import type { PaymentEvent } from '../bookings/payment-event.js';
import { AppError } from '../errors.js';
import { eventSchemas, otherEvent, type HandledEvent, type HandledType, type SessionObject } from './event-schema.js';

/** Verifies a webhook's signature over the raw body (Stripe's default 300 s tolerance) and reads the event. */
export function parseWebhook(
  stripe: Stripe,
  rawBody: string,
  signature: string | undefined,
  secret: string,
): PaymentEvent {
  let event: unknown;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature ?? '', secret);
  } catch {
    throw new AppError(400, 'invalid_signature', 'The Stripe signature does not match this body.');
  }
  return toPaymentEvent(event);
}

/** Validates a Stripe event against its type's schema and maps it to the payment facts bookings act on. */
export function toPaymentEvent(event: unknown): PaymentEvent {
  const head = otherEvent.safeParse(event);
  if (!head.success) throw invalidEvent('id and type');
  const schema = eventSchemas[head.data.type as HandledType] as (typeof eventSchemas)[HandledType] | undefined;
  if (!schema) return { eventId: head.data.id, type: head.data.type, kind: 'ignored' };
  const parsed = schema.safeParse(event);
  if (!parsed.success) throw invalidEvent(parsed.error.issues.map((i) => i.path.join('.')).join(', '));
  return toFacts(parsed.data as HandledEvent);
}

function toFacts(event: HandledEvent): PaymentEvent {
  const base = { eventId: event.id, type: event.type };
  switch (event.type) {
    case 'checkout.session.completed':
      return {
        ...base,
        ...sessionFacts(event.data.object),
        kind: 'session_completed',
        paymentStatus: event.data.object.payment_status === 'unpaid' ? 'unpaid' : 'paid',
      };
    case 'checkout.session.expired':
      return { ...base, ...sessionFacts(event.data.object), kind: 'session_expired' };
    case 'checkout.session.async_payment_succeeded':
      return { ...base, ...sessionFacts(event.data.object), kind: 'async_payment_succeeded' };
    case 'checkout.session.async_payment_failed':
      return { ...base, ...sessionFacts(event.data.object), kind: 'async_payment_failed' };
    case 'payment_intent.payment_failed':
      return {
        ...base,
        kind: 'payment_failed',
        paymentIntentId: event.data.object.id,
        bookingId: event.data.object.metadata?.bookingId ?? null,
      };
    case 'charge.refunded': {
      const charge = event.data.object;
      return {
        ...paymentFacts(base, charge.payment_intent, charge.metadata?.bookingId),
        kind: 'charge_refunded',
        fullyRefunded: charge.refunded || charge.amount_refunded >= charge.amount,
        amountRefunded: charge.amount_refunded,
      };
    }
    case 'charge.dispute.created':
      return { ...paymentFacts(base, event.data.object.payment_intent), kind: 'dispute_created' };
    case 'charge.dispute.closed': {
      const outcome = event.data.object.status === 'lost' ? 'lost' : 'won';
      return { ...paymentFacts(base, event.data.object.payment_intent), kind: 'dispute_closed', outcome };
    }
  }
}

/** What a charge or dispute says: the payment intent it is about (and a booking, only as a hint). */
function paymentFacts(
  base: { eventId: string; type: string },
  intent: string | { id: string } | null | undefined,
  bookingId?: string,
) {
  return { ...base, paymentIntentId: idOf(intent), bookingId: bookingId ?? null };
}

function sessionFacts(session: SessionObject) {
  return {
    sessionId: session.id,
    bookingId: session.metadata?.bookingId ?? session.client_reference_id ?? null,
    paymentIntentId: idOf(session.payment_intent),
    invoiceId: idOf(session.invoice),
    amountSubtotal: session.amount_subtotal ?? null,
    amountTotal: session.amount_total ?? null,
    currency: session.currency ?? null,
  };
}

function idOf(ref: string | { id: string } | null | undefined): string | null {
  return typeof ref === 'string' ? ref : (ref?.id ?? null);
}

function invalidEvent(fields: string): AppError {
  return new AppError(400, 'invalid_event', `The event is signed but malformed (${fields}).`);
}
