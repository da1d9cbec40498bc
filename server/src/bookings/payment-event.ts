/**
 * A payment fact from Stripe, in our own terms: from a webhook event, or read off a Checkout
 * Session by sync and the reconciler. `eventId` makes applying it idempotent.
 */
export type PaymentEvent =
  | (SessionEvent<'session_completed'> & { paymentStatus: 'paid' | 'unpaid' | 'no_payment_required' })
  | SessionEvent<'session_expired'>
  | SessionEvent<'async_payment_succeeded'>
  | SessionEvent<'async_payment_failed'>
  | ChargeEvent<'payment_failed'>
  | (ChargeEvent<'charge_refunded'> & { fullyRefunded: boolean; amountRefunded: number })
  | ChargeEvent<'dispute_created'>
  | (ChargeEvent<'dispute_closed'> & { outcome: 'won' | 'lost' })
  | { kind: 'ignored'; eventId: string; type: string };

interface SessionEvent<K extends string> {
  kind: K;
  eventId: string;
  type: string;
  sessionId: string;
  /** Only a hint: `metadata.bookingId` or `client_reference_id`, which a customer can choose. */
  bookingId: string | null;
  paymentIntentId: string | null;
  /** The invoice Checkout created for the payment (`invoice_creation`), if any. */
  invoiceId?: string | null;
  /** What the session charges before discounts, and in which currency. */
  amountSubtotal: number | null;
  /** What the student paid, after discounts (`amount_total`). */
  amountTotal: number | null;
  currency: string | null;
}

interface ChargeEvent<K extends string> {
  kind: K;
  eventId: string;
  type: string;
  /** Only a hint, from the payment's metadata. */
  bookingId: string | null;
  paymentIntentId: string | null;
}

/**
 * What applying an event did: moved a booking, found it already there, ignored it (and why), or
 * parked it because what it follows has not arrived yet (a refund before the payment, a dispute's
 * close before its opening): a parked event is applied again whenever its booking moves.
 */
export interface EventOutcome {
  bookingId: string | null;
  outcome: 'applied' | 'unchanged' | 'ignored' | 'parked';
  reason?: string;
  /** The payment a parked event waits for; for an applied one, the payment its booking links. */
  paymentIntentId?: string | null;
}

/** Why an event moved nothing: its own move is in the booking's history already. */
export const appliedBeforeReason = 'applied_before';

/** Whether an event's move is on its booking, by this delivery or by one that died before recording it. */
export const movedByEvent = (done: { outcome?: string | undefined; reason?: string | undefined }): boolean =>
  done.outcome === 'applied' || done.reason === appliedBeforeReason;
