import Stripe from 'stripe';
import type { CheckoutRequest, CheckoutSession, PaymentGateway, PaymentIntent } from '../bookings/payment-gateway.js';
import { AppError, errors } from '../errors.js';

/** Checkout options the operator turns on for every session. */
export interface CheckoutOptions {
  /** Stripe Tax calculates and adds tax (`STRIPE_AUTOMATIC_TAX=1`). */
  automaticTax: boolean;
  /** The student must accept the terms of service set in Stripe's Dashboard (`STRIPE_REQUIRE_TERMS=1`). */
  requireTerms: boolean;
  /** Every course's payments get an invoice (`STRIPE_INVOICE_CREATION=1`); else the courses that ask for one. */
  invoiceCreation?: boolean | undefined;
  /** Every course's Checkout asks a business for its tax ID (`STRIPE_TAX_ID_COLLECTION=1`). */
  taxIdCollection?: boolean | undefined;
}

/** The payment gateway over Stripe Checkout. */
export function stripeGateway(
  stripe: Stripe,
  options: CheckoutOptions = { automaticTax: false, requireTerms: false },
): PaymentGateway {
  return {
    createCheckout: (request) =>
      call(async () =>
        toSession(
          await stripe.checkout.sessions.create(sessionParams(request, options), {
            idempotencyKey: request.idempotencyKey,
          }),
        ),
      ),
    refundPayment: (paymentIntentId, idempotencyKey, amount, invoiceId) =>
      call(async () => {
        try {
          if (invoiceId && amount !== undefined)
            return await creditNoteRefund(stripe, invoiceId, amount, idempotencyKey);
          const params = { payment_intent: paymentIntentId, ...(amount === undefined ? {} : { amount }) };
          const refund = await stripe.refunds.create(params, { idempotencyKey });
          return { id: refund.id, status: refund.status ?? 'pending' };
        } catch (error) {
          // Stripe says no (already refunded, disputed): the operator's answer, not an outage.
          if (error instanceof Stripe.errors.StripeInvalidRequestError) {
            throw errors.refundRefused(error.message);
          }
          throw error;
        }
      }),
    retrieveCheckout: (id) => call(async () => toSession(await stripe.checkout.sessions.retrieve(id))),
    retrieveInvoice: (id) =>
      call(async () => {
        try {
          const invoice = await stripe.invoices.retrieve(id);
          return {
            id: invoice.id!,
            number: invoice.number ?? null,
            status: invoice.status ?? null,
            url: invoice.hosted_invoice_url ?? null,
          };
        } catch (error) {
          if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) {
            throw new AppError(404, 'invoice_not_found', 'Stripe has no such invoice.');
          }
          throw error;
        }
      }),
    retrievePaymentIntent: (id) => call(async () => toIntent(await stripe.paymentIntents.retrieve(id))),
    expireCheckout: (id) =>
      call(async () => {
        try {
          return toSession(await stripe.checkout.sessions.expire(id));
        } catch (error) {
          // Only an open session can be expired; anything else is answered as it stands.
          if (error instanceof Stripe.errors.StripeInvalidRequestError) {
            return toSession(await stripe.checkout.sessions.retrieve(id));
          }
          throw error;
        }
      }),
  };
}

/**
 * Refunds a payment that has an invoice through a credit note on that invoice: Stripe refunds
 * `refund_amount` and the invoice shows the credit, so a business's books match what went back.
 */
async function creditNoteRefund(stripe: Stripe, invoice: string, amount: number, idempotencyKey: string) {
  const note = await stripe.creditNotes.create(
    { invoice, amount, refund_amount: amount, reason: 'order_change' },
    { idempotencyKey },
  );
  const linked = note.refunds?.[0]?.refund ?? (note as { refund?: string | { id: string } | null }).refund;
  const id = typeof linked === 'string' ? linked : (linked?.id ?? note.id);
  return { id, status: 'succeeded', creditNoteId: note.id };
}

/** The Checkout Session parameters for a booking attempt. */
export function sessionParams(
  request: CheckoutRequest,
  options: CheckoutOptions = { automaticTax: false, requireTerms: false },
): Stripe.Checkout.SessionCreateParams {
  const metadata = {
    ...request.tracking,
    bookingId: request.bookingId,
    courseId: request.courseId,
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
  };
  const common: Stripe.Checkout.SessionCreateParams = {
    mode: 'payment',
    line_items: [
      {
        quantity: request.quantity,
        price_data: {
          currency: request.currency,
          unit_amount: request.unitAmount,
          product_data: { name: request.title, metadata: { courseId: request.courseId } },
        },
      },
    ],
    client_reference_id: request.bookingId,
    metadata,
    payment_intent_data: { metadata },
    expires_at: Math.floor(request.expiresAt.getTime() / 1000),
    ...(request.allowPromotionCodes ? { allow_promotion_codes: true } : {}),
    ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
    locale: checkoutLocale(request.locale),
    ...(options.automaticTax ? { automatic_tax: { enabled: true } } : {}),
    ...(options.requireTerms ? { consent_collection: { terms_of_service: 'required' as const } } : {}),
    ...(request.invoiceCreation || options.invoiceCreation
      ? { invoice_creation: { enabled: true, invoice_data: { metadata } } }
      : {}),
    ...(request.taxIdCollection || options.taxIdCollection ? { tax_id_collection: { enabled: true } } : {}),
  };
  // Embedded, a card payment completes on the page (Stripe.js calls `onComplete`, the widget closes
  // its dialog and says Booked, focus and all); only methods that must leave the page use return_url.
  return request.mode === 'embedded'
    ? { ...common, ui_mode: 'embedded_page', return_url: request.returnUrl, redirect_on_completion: 'if_required' }
    : { ...common, success_url: request.successUrl, cancel_url: request.cancelUrl };
}

/** The locales Stripe Checkout speaks (`locale`): https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-locale */
const checkoutLocales = new Set(
  (
    'bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk ' +
    'sl sv th tr vi zh zh-HK zh-TW'
  ).split(' '),
);

/** Checkout's locale for a language tag: the tag itself, its language, or `auto` (the browser's). */
export function checkoutLocale(tag: string | undefined): Stripe.Checkout.SessionCreateParams.Locale {
  const [language = '', region] = (tag ?? '').split('-');
  const exact = region ? `${language.toLowerCase()}-${region.length === 2 ? region.toUpperCase() : region}` : '';
  const found = [exact, language.toLowerCase()].find((l) => l && checkoutLocales.has(l));
  return (found ?? 'auto') as Stripe.Checkout.SessionCreateParams.Locale;
}

/** Reads the parts of a Checkout Session that bookings use. */
export function toSession(session: Stripe.Checkout.Session): CheckoutSession {
  const intent = session.payment_intent;
  return {
    id: session.id,
    // The sandbox marks its embedded sessions with a page to frame: Stripe.js cannot run offline.
    url: session.url ?? (session as { sandbox_frame_url?: string }).sandbox_frame_url ?? undefined,
    clientSecret: session.client_secret ?? undefined,
    status: oneOf(session.status, ['complete', 'expired'] as const, 'open'),
    paymentStatus: oneOf(session.payment_status, ['paid', 'no_payment_required'] as const, 'unpaid'),
    paymentIntentId: typeof intent === 'string' ? intent : (intent?.id ?? null),
    invoiceId: typeof session.invoice === 'string' ? session.invoice : (session.invoice?.id ?? null),
    bookingId: session.metadata?.bookingId ?? session.client_reference_id ?? null,
    amountSubtotal: session.amount_subtotal ?? null,
    amountTotal: session.amount_total ?? null,
    currency: session.currency ?? null,
    expiresAt: new Date(session.expires_at * 1000),
  };
}

/** A payment intent's status in bookings' terms: a failed delayed payment asks for another method, or was canceled. */
export function toIntent(intent: Stripe.PaymentIntent): PaymentIntent {
  const status: PaymentIntent['status'] =
    intent.status === 'succeeded'
      ? 'succeeded'
      : intent.status === 'processing'
        ? 'processing'
        : intent.status === 'requires_payment_method' || intent.status === 'canceled'
          ? 'failed'
          : 'other';
  return { id: intent.id, status };
}

function oneOf<T extends string, D extends string>(value: unknown, known: readonly T[], fallback: D): T | D {
  return known.find((k) => k === value) ?? fallback;
}

/** What the operator needs of a Stripe error: its type, code and request id; a refused key named as the variable to fix. */
function stripeCause(error: InstanceType<typeof Stripe.errors.StripeError>) {
  const refusedKey = error instanceof Stripe.errors.StripeAuthenticationError;
  return {
    source: 'stripe',
    type: error.type,
    code: error.code,
    statusCode: error.statusCode,
    requestId: error.requestId,
    message: refusedKey ? 'Stripe refused the API key: check STRIPE_SECRET_KEY' : error.message,
  };
}

/** Runs a Stripe call; Stripe being unreachable or failing becomes 503 `payments_unavailable`. */
async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      throw errors.paymentsUnavailable(undefined, stripeCause(error));
    }
    throw error;
  }
}
