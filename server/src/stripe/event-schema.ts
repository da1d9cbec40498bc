import { z } from 'zod';

// What bookings read from Stripe's events, checked before anything reads them: a signed event is
// still only as well-formed as the code that built it, and no value from it may reach a query as
// anything but a string. Fields bookings do not read are let through untouched.

const stripeId = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_]{1,250}$`));
const ref = (prefix: string) => z.union([stripeId(prefix), z.object({ id: stripeId(prefix) })]).nullish();
const metadata = z.record(z.string(), z.string().max(500)).nullish();
const amount = z.number().int().min(0);

const session = z.object({
  id: stripeId('cs'),
  status: z.string().max(40).nullish(),
  payment_status: z.string().max(40),
  payment_intent: ref('pi'),
  /** The invoice Checkout created (`invoice_creation`), once paid. */
  invoice: ref('in'),
  metadata,
  client_reference_id: z.string().max(200).nullish(),
  amount_subtotal: amount.nullish(),
  amount_total: amount.nullish(),
  currency: z
    .string()
    .regex(/^[a-z]{3}$/)
    .nullish(),
});

/** A Checkout Session as bookings read it from an event. */
export type SessionObject = z.infer<typeof session>;

const paymentIntent = z.object({ id: stripeId('pi'), metadata });

const charge = z.object({
  id: stripeId('(ch|py)'),
  payment_intent: ref('pi'),
  amount,
  amount_refunded: amount,
  refunded: z.boolean(),
  metadata,
});

const dispute = z.object({
  id: stripeId('(dp|du)'),
  payment_intent: ref('pi'),
  status: z.string().max(40),
});

const envelope = <T extends z.ZodType>(object: T) =>
  z.object({ id: stripeId('evt'), type: z.string().max(100), data: z.object({ object }) });

/** The schema of each event type bookings act on; other types need only an id and a type. */
export const eventSchemas = {
  'checkout.session.completed': envelope(session),
  'checkout.session.expired': envelope(session),
  'checkout.session.async_payment_succeeded': envelope(session),
  'checkout.session.async_payment_failed': envelope(session),
  'payment_intent.payment_failed': envelope(paymentIntent),
  'charge.refunded': envelope(charge),
  'charge.dispute.created': envelope(dispute),
  'charge.dispute.closed': envelope(dispute),
} as const;

/** Any other event: acknowledged and recorded, nothing read from its object. */
export const otherEvent = z.object({ id: stripeId('evt'), type: z.string().min(1).max(100) });

/** The event types bookings act on. */
export type HandledType = keyof typeof eventSchemas;

/** A validated event of a handled type. */
export type HandledEvent = {
  [K in HandledType]: z.infer<(typeof eventSchemas)[K]> & { type: K };
}[HandledType];
