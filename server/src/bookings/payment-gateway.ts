import type { Tracking } from '../../../common/contract.js';
import type { CheckoutMode } from './booking.js';

/** Everything a Checkout Session is made from. Equal requests for one attempt are sent with one idempotency key. */
export interface CheckoutRequest {
  bookingId: string;
  userId: string;
  idempotencyKey: string;
  mode: CheckoutMode;
  courseId: string;
  /** The dated session booked: in the session's metadata too. */
  sessionId?: string | undefined;
  title: string;
  /** The price of one seat, and how many seats: the line item's `unit_amount` and `quantity`. */
  unitAmount: number;
  quantity: number;
  currency: string;
  /** Lets the student enter a promotion code (`allow_promotion_codes`). */
  allowPromotionCodes: boolean;
  /** Stripe creates an invoice for the payment (`invoice_creation`); and asks for a tax ID (`tax_id_collection`). */
  invoiceCreation: boolean;
  taxIdCollection: boolean;
  /** Where the student came from: into the session's (and payment's) metadata, for Stripe's reports. */
  tracking?: Tracking | undefined;
  /** Where Stripe sends the receipt (`customer_email`), when the student's address is known. */
  customerEmail?: string | undefined;
  /** The student's language (a BCP 47 tag); Checkout's `locale` when Stripe has it. */
  locale?: string | undefined;
  /** Redirect mode: where Stripe sends the student after paying, and after going back. */
  successUrl: string;
  cancelUrl: string;
  /** Embedded mode: where Stripe sends the student after paying. */
  returnUrl: string;
  expiresAt: Date;
}

/** A Checkout Session, as far as bookings care. */
export interface CheckoutSession {
  id: string;
  url: string | undefined;
  clientSecret: string | undefined;
  status: 'open' | 'complete' | 'expired';
  /** The invoice Checkout created for the payment, if it was asked to (`invoice_creation`). */
  invoiceId?: string | null;
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  paymentIntentId: string | null;
  bookingId: string | null;
  /** The pre-discount amount and currency (`amount_subtotal`, `currency`). */
  amountSubtotal: number | null;
  /** What the student paid, after discounts (`amount_total`). */
  amountTotal: number | null;
  currency: string | null;
  expiresAt: Date;
}

/** A payment intent, as far as bookings care: a delayed payment's outcome shows here, not on its session. */
export interface PaymentIntent {
  id: string;
  status: 'succeeded' | 'processing' | 'failed' | 'other';
}

/** A refund Stripe took: its id and status (`pending`, `succeeded`, …), and the credit note that records it on an invoice. */
export interface Refund {
  id: string;
  status: string;
  creditNoteId?: string | undefined;
}

/** An invoice Stripe created for a payment: its number, status, and the page where its customer reads it. */
export interface Invoice {
  id: string;
  number: string | null;
  status: string | null;
  /** Null until Stripe finalizes it (moments after the payment). */
  url: string | null;
}

/** The payment provider. Failures to reach it surface as AppError 503 `payments_unavailable`. */
export interface PaymentGateway {
  retrievePaymentIntent(intentId: string): Promise<PaymentIntent>;
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  retrieveCheckout(sessionId: string): Promise<CheckoutSession>;
  /** Expires an open session; answers the session as it then is (it may have completed meanwhile). */
  expireCheckout(sessionId: string): Promise<CheckoutSession>;
  /**
   * Refunds a payment, in full or `amount` of it (the minor unit); the same idempotency key refunds
   * it once however often it is asked. Stripe's refusal is a 409 `refund_refused` with its reason.
   * A payment with an invoice is refunded through a credit note on it (`amount` then required), so
   * the invoice shows what went back, as Stripe records it.
   */
  refundPayment(
    paymentIntentId: string,
    idempotencyKey: string,
    amount?: number,
    invoiceId?: string | null,
  ): Promise<Refund>;
  /** An invoice (404 `invoice_not_found` when Stripe has none of that id). */
  retrieveInvoice(invoiceId: string): Promise<Invoice>;
}
