/** Where a booking stands in the payment lifecycle. */
export type { PaymentStatus } from '../../../common/contract.js';
import type { PaymentStatus } from '../../../common/contract.js';

/** How the student pays: redirect to Stripe's page, or Stripe's embedded form. */
export type CheckoutMode = 'redirect' | 'embedded';

/** One step in a booking's life. */
export interface HistoryEntry {
  status: PaymentStatus;
  at: Date;
  /** The Stripe event (or `sync_…`/`reconcile_…` marker) that caused it. */
  eventId: string;
  type: string;
}

/** The checkout attempt a booking is on. Fixed when the attempt starts, so retries send Stripe identical requests. */
export interface CheckoutAttempt {
  mode: CheckoutMode;
  returnUrl: string;
  /** Where Stripe sends the receipt, when the student's address is known. */
  customerEmail?: string | undefined;
  /** The host page's language when the attempt started: Checkout speaks it. */
  locale?: string | undefined;
  /** Whether Checkout takes promotion codes: the course's setting when the attempt started. */
  allowPromotionCodes?: boolean | undefined;
  url?: string | undefined;
  clientSecret?: string | undefined;
}

/**
 * A Checkout Session this backend created for a booking, and what it charges. Kept in a registry of
 * their own, written once and never updated, before the session is handed to anyone.
 */
export interface CheckoutRecord {
  id: string;
  bookingId: string;
  attempt: number;
  /** The pre-discount amount (Stripe's `amount_subtotal`), in the currency's minor unit. */
  amount: number;
  currency: string;
}

/** A student's one booking of one course, as stored (the API's view of it is `Booking` in common/contract.ts). */
export interface BookingRecord {
  id: string;
  userId: string;
  courseId: string;
  /** The dated session booked, for a course sold on dates; null (stored so) for a self-paced course. */
  sessionId?: string | null;
  courseTitle: string;
  paymentStatus: PaymentStatus;
  /** The list price this attempt charges (0 for a free course). */
  amount: number;
  /** What the student paid after discounts (Stripe's `amount_total`); absent until the money arrives. */
  amountPaid?: number | null;
  currency: string;
  /** The current attempt's Checkout Session; every attempt's is in the session registry. */
  stripeSessionId: string | null;
  stripePaymentIntentId: string | null;
  attempt: number;
  siteOrigin: string;
  checkout: CheckoutAttempt;
  /** When the current Checkout Session stops accepting payment. */
  checkoutExpiresAt: Date;
  history: HistoryEntry[];
  /** When the reconciler next asks Stripe about this booking, while it is pending or processing. */
  reconcileAt: Date;
  /** How often it has asked since the attempt started: the wait doubles each time. */
  reconcileChecks: number;
  /** A refund the operator asked for, until a new attempt starts; the webhook moves the booking. */
  refundRequest?: { at: Date; by: string; byName?: string | undefined; refundId: string } | undefined;
  /** Why a `cancelled` booking ended, who ended it, and the money sent back (Stripe's refund, if any). */
  cancellation?: Cancellation | undefined;
  /** A student's cancellation under way: the refund fixed before Stripe is asked (a retry asks for the same). */
  cancelRequest?: { at: Date; amount: number } | undefined;
  /** How many history entries the outbox holds the messages of (missing: none yet). */
  announced?: number | undefined;
  createdAt: Date;
  updatedAt: Date;
}

/** A booking's cancellation as stored: by the organiser (its date was cancelled), or by its student. */
export interface Cancellation {
  by: 'organiser' | 'student';
  reason: 'session_cancelled' | 'student_cancelled';
  at: Date;
  /** Who cancelled (an admin user id, or `api_key`). */
  actor: string;
  amountRefunded: number;
  refundId: string | null;
}

/** What each checkout attempt sets anew. */
export type AttemptFields = Pick<
  BookingRecord,
  | 'checkout'
  | 'checkoutExpiresAt'
  | 'amount'
  | 'amountPaid'
  | 'currency'
  | 'courseTitle'
  | 'siteOrigin'
  | 'reconcileAt'
  | 'reconcileChecks'
>;

/** States in which a booking can start a new checkout attempt. */
export const restartable: PaymentStatus[] = ['failed', 'expired', 'refunded', 'cancelled'];

/** States that mean the student has (or is about to have) paid. */
export const settledOrSettling: PaymentStatus[] = ['paid', 'processing', 'disputed'];
