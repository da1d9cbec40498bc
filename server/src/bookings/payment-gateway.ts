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
  amount: number;
  currency: string;
  /** Lets the student enter a promotion code (`allow_promotion_codes`). */
  allowPromotionCodes: boolean;
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

/** A refund Stripe took: its id and status (`pending`, `succeeded`, …). */
export interface Refund {
  id: string;
  status: string;
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
   */
  refundPayment(paymentIntentId: string, idempotencyKey: string, amount?: number): Promise<Refund>;
}
