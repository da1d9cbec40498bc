import { randomBytes } from 'node:crypto';
import { nodeAt, recordAt, stringAt, type FormValue } from './form-body.js';
import { createInvoiceBook } from './invoices.js';
import type { WebhookSender } from './webhook-sender.js';

/** A Checkout Session in Stripe's JSON shape (the fields the backend and the pay page use). */
export interface SandboxSession {
  id: string;
  object: 'checkout.session';
  mode: 'payment';
  ui_mode: 'hosted_page' | 'embedded_page';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  amount_total: number;
  amount_subtotal: number;
  total_details: { amount_discount: number; amount_tax: number; amount_shipping: number };
  customer_email: string | null;
  /** Checkout's language (`auto`: the browser's). */
  locale: string;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  /** The invoice Checkout created once paid, when asked to (`invoice_creation[enabled]`). */
  invoice: string | null;
  expires_at: number;
  created: number;
  url: string | null;
  client_secret: string | null;
  success_url: string | null;
  cancel_url: string | null;
  return_url: string | null;
  /** Embedded: `if_required` completes a card payment on the page instead of redirecting. */
  redirect_on_completion: 'always' | 'if_required' | 'never' | null;
  livemode: false;
  /** Not Stripe's: where an embedded session's checkout page can be framed. */
  sandbox_frame_url: string | null;
}

/** What the pay page shows besides the session. */
interface SessionExtras {
  productName: string;
  intentMetadata: Record<string, string>;
  declined: boolean;
  refunded: number;
  /** The payment intent's status, as Stripe would answer it. */
  intentStatus: 'requires_payment_method' | 'processing' | 'succeeded';
  /** Whether the pay page takes a promotion code (`allow_promotion_codes`). */
  promotionCodes: boolean;
  /** Whether a paid session gets an invoice (`invoice_creation[enabled]`), and the metadata it carries. */
  invoiceCreation: boolean;
  invoiceMetadata: Record<string, string>;
}

/** The sandbox's one promotion code, and what it takes off: said on the pay page. */
export const sandboxPromotionCode = { code: 'SANDBOX10', percentOff: 10 };

/** A Stripe-style error, raised as `{error: {type, message}}` with a status. */
export class StripeStyleError extends Error {
  constructor(
    readonly status: 400 | 401 | 404,
    readonly type: 'invalid_request_error' | 'authentication_error',
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const seconds = (ms: number) => Math.floor(ms / 1000);

/** The sandbox's sessions and the payments on them. Every change emits the event Stripe would send. */
export function createSessionBook(
  sender: WebhookSender,
  publicUrl: string,
  now = Date.now,
  invoices = createInvoiceBook(publicUrl),
) {
  const sessions = new Map<string, { session: SandboxSession; extras: SessionExtras }>();

  /** A session just paid gets its invoice, when it asked for one (before its event says so). */
  function invoiceIfAsked(entry: { session: SandboxSession; extras: SessionExtras }) {
    if (!entry.extras.invoiceCreation || entry.session.invoice) return;
    entry.session.invoice = invoices.issue({
      paymentIntent: entry.session.payment_intent!,
      amount: entry.session.amount_total,
      currency: entry.session.currency,
      line: entry.extras.productName,
      metadata: entry.extras.invoiceMetadata,
    }).id;
  }

  function get(sessionId: string) {
    const entry = sessions.get(sessionId);
    if (!entry)
      throw new StripeStyleError(404, 'invalid_request_error', `No such checkout.session: '${sessionId}'`, 'id');
    // Stripe expires sessions at expires_at, and says so with an event.
    if (entry.session.status === 'open' && entry.session.expires_at <= seconds(now())) expire(entry.session.id);
    return entry;
  }

  function expire(sessionId: string): SandboxSession {
    const entry = sessions.get(sessionId)!;
    if (entry.session.status !== 'open') {
      throw new StripeStyleError(
        400,
        'invalid_request_error',
        'Only Checkout Sessions with a status in ["open"] can be expired.',
      );
    }
    entry.session.status = 'expired';
    sender.emit('checkout.session.expired', entry.session);
    return entry.session;
  }

  function intentObject(entry: { session: SandboxSession; extras: SessionExtras }, status: string) {
    return {
      id: entry.session.payment_intent,
      object: 'payment_intent',
      amount: entry.session.amount_total,
      currency: entry.session.currency,
      status,
      metadata: entry.extras.intentMetadata,
      livemode: false,
    };
  }

  function chargeObject(entry: { session: SandboxSession; extras: SessionExtras }) {
    const chargeId = `ch_${entry.session.payment_intent!.slice(3)}`;
    return {
      id: chargeId,
      object: 'charge',
      amount: entry.session.amount_total,
      amount_refunded: entry.extras.refunded,
      refunded: entry.extras.refunded >= entry.session.amount_total,
      currency: entry.session.currency,
      payment_intent: entry.session.payment_intent,
      metadata: entry.extras.intentMetadata,
      paid: true,
      status: 'succeeded',
      livemode: false,
    };
  }

  function requirePaid(sessionId: string) {
    const entry = get(sessionId);
    if (entry.session.payment_status !== 'paid') {
      throw new StripeStyleError(400, 'invalid_request_error', 'This session has no successful payment.');
    }
    return entry;
  }

  return {
    /** `POST /v1/checkout/sessions` */
    create(params: Record<string, FormValue>): SandboxSession {
      const item = params.line_items;
      const currency = stringAt(item, 0, 'price_data', 'currency');
      const unitAmount = Number(stringAt(item, 0, 'price_data', 'unit_amount'));
      const quantity = Number(stringAt(item, 0, 'quantity') ?? '1');
      const name = stringAt(item, 0, 'price_data', 'product_data', 'name');
      const uiMode = stringAt(params, 'ui_mode') === 'embedded_page' ? 'embedded_page' : 'hosted_page';
      const missing = (param: string) =>
        new StripeStyleError(400, 'invalid_request_error', `Missing required param: ${param}.`, param);
      if (stringAt(params, 'mode') !== 'payment') throw missing('mode');
      if (!currency || !name || !Number.isInteger(unitAmount)) throw missing('line_items[0][price_data]');
      if (uiMode === 'hosted_page' && !stringAt(params, 'success_url')) throw missing('success_url');
      if (uiMode === 'embedded_page' && !stringAt(params, 'return_url')) throw missing('return_url');
      const created = seconds(now());
      const expiresAt = Number(stringAt(params, 'expires_at') ?? created + 24 * 3600);
      if (expiresAt < created + 30 * 60 - 5 || expiresAt > created + 24 * 3600) {
        throw new StripeStyleError(
          400,
          'invalid_request_error',
          'expires_at must be 30 minutes to 24 hours from now.',
          'expires_at',
        );
      }
      const sessionId = id('cs_test_sb');
      const session: SandboxSession = {
        id: sessionId,
        object: 'checkout.session',
        mode: 'payment',
        ui_mode: uiMode,
        status: 'open',
        payment_status: 'unpaid',
        amount_total: unitAmount * quantity,
        amount_subtotal: unitAmount * quantity,
        total_details: { amount_discount: 0, amount_tax: 0, amount_shipping: 0 },
        customer_email: stringAt(params, 'customer_email') ?? null,
        locale: stringAt(params, 'locale') ?? 'auto',
        currency,
        client_reference_id: stringAt(params, 'client_reference_id') ?? null,
        metadata: recordAt(params, 'metadata'),
        payment_intent: null,
        invoice: null,
        expires_at: expiresAt,
        created,
        url: uiMode === 'hosted_page' ? `${publicUrl}/pay/${sessionId}` : null,
        client_secret: uiMode === 'embedded_page' ? `${sessionId}_secret_${randomBytes(12).toString('hex')}` : null,
        success_url: stringAt(params, 'success_url') ?? null,
        cancel_url: stringAt(params, 'cancel_url') ?? null,
        return_url: stringAt(params, 'return_url') ?? null,
        redirect_on_completion:
          uiMode === 'embedded_page'
            ? ((stringAt(params, 'redirect_on_completion') as SandboxSession['redirect_on_completion']) ?? 'always')
            : null,
        livemode: false,
        sandbox_frame_url: uiMode === 'embedded_page' ? `${publicUrl}/embedded/${sessionId}` : null,
      };
      const intentMetadata = recordAt(params.payment_intent_data, 'metadata');
      sessions.set(sessionId, {
        session,
        extras: {
          productName: name,
          intentMetadata,
          declined: false,
          refunded: 0,
          intentStatus: 'requires_payment_method',
          promotionCodes: stringAt(params, 'allow_promotion_codes') === 'true',
          invoiceCreation: stringAt(params, 'invoice_creation', 'enabled') === 'true',
          invoiceMetadata: recordAt(nodeAt(params, 'invoice_creation', 'invoice_data'), 'metadata'),
        },
      });
      return session;
    },

    retrieve: (sessionId: string) => get(sessionId).session,

    /** `GET /v1/payment_intents/:id` */
    retrieveIntent(intentId: string): Record<string, unknown> {
      const entry = [...sessions.values()].find((e) => e.session.payment_intent === intentId);
      if (!entry)
        throw new StripeStyleError(404, 'invalid_request_error', `No such payment_intent: '${intentId}'`, 'id');
      return intentObject(entry, entry.extras.intentStatus);
    },
    /** Every session, or those of one booking. */
    list: (bookingId?: string) =>
      [...sessions.values()].map((e) => e.session).filter((s) => !bookingId || s.metadata.bookingId === bookingId),
    extras: (sessionId: string) => get(sessionId).extras,
    expire: (sessionId: string) => (get(sessionId), expire(sessionId)),

    /** What a promotion code takes off this session; a code it does not take is refused as Stripe would. */
    discount(sessionId: string, promotionCode: string): number {
      const entry = get(sessionId);
      const { code, percentOff } = sandboxPromotionCode;
      if (!entry.extras.promotionCodes || promotionCode.trim().toUpperCase() !== code) {
        throw new StripeStyleError(400, 'invalid_request_error', 'This code is invalid.', 'promotion_code');
      }
      return Math.round((entry.session.amount_subtotal * percentOff) / 100);
    },

    /** The student pays: the session completes, paid now, or (delayed) later; a promotion code takes its discount off. */
    pay(sessionId: string, delayed: boolean, promotionCode?: string): SandboxSession {
      const entry = get(sessionId);
      if (entry.session.status !== 'open')
        throw new StripeStyleError(400, 'invalid_request_error', `This session is ${entry.session.status}.`);
      if (promotionCode) {
        const discount = this.discount(sessionId, promotionCode);
        entry.session.total_details.amount_discount = discount;
        entry.session.amount_total = entry.session.amount_subtotal - discount;
      }
      entry.session.status = 'complete';
      entry.session.payment_intent ??= id('pi_sb');
      entry.session.payment_status = delayed ? 'unpaid' : 'paid';
      entry.extras.intentStatus = delayed ? 'processing' : 'succeeded';
      if (!delayed) invoiceIfAsked(entry);
      if (!delayed) sender.emit('payment_intent.succeeded', intentObject(entry, 'succeeded'));
      sender.emit('checkout.session.completed', entry.session);
      return entry.session;
    },

    /** The card is declined: the session stays open, so the student can try again. */
    decline(sessionId: string): void {
      const entry = get(sessionId);
      if (entry.session.status !== 'open')
        throw new StripeStyleError(400, 'invalid_request_error', `This session is ${entry.session.status}.`);
      entry.session.payment_intent ??= id('pi_sb');
      entry.extras.declined = true;
      sender.emit('payment_intent.payment_failed', intentObject(entry, 'requires_payment_method'));
    },

    /** A delayed payment method settles. */
    settle(sessionId: string, outcome: 'succeeded' | 'failed'): SandboxSession {
      const entry = get(sessionId);
      if (entry.session.status !== 'complete' || entry.session.payment_status !== 'unpaid') {
        throw new StripeStyleError(400, 'invalid_request_error', 'Only a completed, unpaid session can settle.');
      }
      if (outcome === 'succeeded') entry.session.payment_status = 'paid';
      if (outcome === 'succeeded') invoiceIfAsked(entry);
      // A failed delayed payment leaves the session complete and unpaid; its payment intent asks for another method.
      entry.extras.intentStatus = outcome === 'succeeded' ? 'succeeded' : 'requires_payment_method';
      sender.emit(`checkout.session.async_payment_${outcome}`, entry.session);
      return entry.session;
    },

    /** `POST /v1/refunds`: the whole payment of a payment intent goes back, or `amount` of it. */
    refundIntent(intentId: string, amount?: number): Record<string, unknown> {
      const entry = [...sessions.values()].find((e) => e.session.payment_intent === intentId);
      if (!entry || entry.session.payment_status !== 'paid') {
        throw new StripeStyleError(
          400,
          'invalid_request_error',
          `No successful payment on '${intentId}'.`,
          'payment_intent',
        );
      }
      const left = entry.session.amount_total - entry.extras.refunded;
      if (left <= 0) {
        throw new StripeStyleError(400, 'invalid_request_error', `Charge for '${intentId}' has already been refunded.`);
      }
      if (amount !== undefined && (amount <= 0 || amount > left)) {
        throw new StripeStyleError(
          400,
          'invalid_request_error',
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
          'amount',
        );
      }
      const refunded = amount ?? left;
      entry.extras.refunded += refunded;
      sender.emit('charge.refunded', chargeObject(entry));
      return {
        id: id('re_sb'),
        object: 'refund',
        amount: refunded,
        currency: entry.session.currency,
        payment_intent: intentId,
        status: 'succeeded',
      };
    },

    /** `GET /v1/invoices/:id` */
    retrieveInvoice: (invoiceId: string) => {
      try {
        return invoices.retrieve(invoiceId);
      } catch {
        throw new StripeStyleError(404, 'invalid_request_error', `No such invoice: '${invoiceId}'`, 'id');
      }
    },

    /** `POST /v1/credit_notes` with `refund_amount`: a credit note on the invoice, refunding that much of its payment. */
    creditNote(invoiceId: string, amount: number, refundAmount: number, reason: string | null) {
      const invoice = this.retrieveInvoice(invoiceId);
      if (!Number.isInteger(amount) || amount !== refundAmount) {
        throw new StripeStyleError(400, 'invalid_request_error', 'amount must equal refund_amount.', 'refund_amount');
      }
      return invoices.credit(invoice.id, { amount, refundAmount, reason }, (intent, value) => {
        const made = this.refundIntent(intent, value);
        return { id: String(made.id) };
      });
    },

    /** The operator refunds some or all of the payment. */
    refund(sessionId: string, amount?: number): Record<string, unknown> {
      const entry = requirePaid(sessionId);
      const left = entry.session.amount_total - entry.extras.refunded;
      entry.extras.refunded += Math.min(amount ?? left, left);
      const charge = chargeObject(entry);
      sender.emit('charge.refunded', charge);
      return charge;
    },

    /** The student's bank opens a dispute, or closes it. */
    dispute(sessionId: string, status: 'needs_response' | 'won' | 'lost'): Record<string, unknown> {
      const entry = requirePaid(sessionId);
      const charge = chargeObject(entry);
      const dispute = {
        id: `dp_${String(entry.session.payment_intent).slice(3)}`,
        object: 'dispute',
        amount: entry.session.amount_total,
        currency: entry.session.currency,
        charge: charge.id,
        payment_intent: entry.session.payment_intent,
        status,
        reason: 'fraudulent',
        livemode: false,
      };
      sender.emit(status === 'needs_response' ? 'charge.dispute.created' : 'charge.dispute.closed', dispute);
      return dispute;
    },
  };
}

/** The session book's interface. */
export type SessionBook = ReturnType<typeof createSessionBook>;
