/** Where a booking stands in the payment lifecycle. */
export type { PaymentStatus } from '../../../common/contract.js';
import type { Attendee, PaymentStatus, Tracking } from '../../../common/contract.js';

/** How the student pays: redirect to Stripe's page, or Stripe's embedded form. */
export type CheckoutMode = 'redirect' | 'embedded';

/** One step in a booking's life. */
export interface HistoryEntry {
  status: PaymentStatus;
  at: Date;
  /** The Stripe event (or `sync_…`/`reconcile_…` marker) that caused it. */
  eventId: string;
  type: string;
  /** A step that sent money back: how much this step did. */
  amount?: number | undefined;
  /** A step that sent money back: the payment's refunded total after it (Stripe's `amount_refunded`). */
  refunded?: number | undefined;
  /** A move to another date: from which session, to which, and who moved it (`student`, or the operator's id). */
  move?: { from: string; to: string; by: string } | undefined;
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
  /** Whether Checkout creates an invoice, and asks for a tax ID: the course's settings when the attempt started. */
  invoiceCreation?: boolean | undefined;
  taxIdCollection?: boolean | undefined;
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
  /** Where the student came from (campaign parameters), as the first create said. */
  tracking?: Tracking | undefined;
  courseTitle: string;
  paymentStatus: PaymentStatus;
  /** How many seats this attempt buys (a group: more than one; bookings stored before groups: 1). */
  quantity: number;
  /** Who each seat is for, with their answers (personal data); null or absent when none were named. */
  attendees?: Attendee[] | null;
  /**
   * When the keeping of its personal data starts counting (`ATTENDEE_DATA_DAYS` from then): the end
   * of its session's last meeting, or, undated, when the attempt started. Gone once erased.
   */
  retainFrom?: Date | undefined;
  /** When its attendees' details (and its student's address) were erased: by the retention sweep, or at the student's request. */
  personalDataErasedAt?: Date | undefined;
  /** The list price this attempt charges, for every seat (0 for a free course). */
  amount: number;
  /** What the student paid after discounts (Stripe's `amount_total`); absent until the money arrives. */
  amountPaid?: number | null;
  currency: string;
  /** The current attempt's Checkout Session; every attempt's is in the session registry. */
  stripeSessionId: string | null;
  stripePaymentIntentId: string | null;
  /** The invoice Stripe created for this attempt's payment (the course asked for invoices). */
  stripeInvoiceId?: string | null | undefined;
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
  /** A refund of the rest the operator asked for, until a new attempt starts; the webhook moves the booking. */
  refundRequest?: { at: Date; by: string; byName?: string | undefined; refundId: string } | undefined;
  /**
   * What has gone back of this attempt's payment, as far as this backend knows: the larger of its own
   * refunds' sum and Stripe's refunded total from `charge.refunded` (so a refund counted by both
   * counts once, in any order). Missing: nothing.
   */
  amountRefunded?: number | undefined;
  /** The operator's refunds through the console or the API, oldest first (this attempt's). */
  refunds?: OperatorRefund[] | undefined;
  /** Why a `cancelled` booking ended, who ended it, and the money sent back (Stripe's refund, if any). */
  cancellation?: Cancellation | undefined;
  /** A student's cancellation under way: the refund fixed before Stripe is asked (a retry asks for the same). */
  cancelRequest?: { at: Date; amount: number } | undefined;
  /** How many history entries the outbox holds the messages of (missing: none yet). */
  announced?: number | undefined;
  createdAt: Date;
  updatedAt: Date;
}

/** A refund the operator made: Stripe's refund, how much, why, by whom. */
export interface OperatorRefund {
  id: string;
  amount: number;
  reason: string | null;
  at: Date;
  /** Who asked (an admin user id, or `api_key`). */
  by: string;
  byName?: string | undefined;
}

/** What has gone back of a booking's payment so far (a cancellation's refund included). */
export const refundedSoFar = (booking: Pick<BookingRecord, 'amountRefunded' | 'cancellation'>): number =>
  Math.max(booking.amountRefunded ?? 0, booking.cancellation?.amountRefunded ?? 0);

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
  | 'quantity'
  | 'attendees'
  | 'retainFrom'
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
