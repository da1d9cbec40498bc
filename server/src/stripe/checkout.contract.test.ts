import Stripe from 'stripe';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CheckoutRequest } from '../bookings/payment-gateway.js';
import { checkoutLocale, sessionParams, stripeGateway } from './checkout.js';
import { createStripeClient } from './client.js';

// stripe-mock validates every request against Stripe's OpenAPI spec: each request the server
// makes must be one Stripe accepts.
let stripe: Stripe;
beforeAll(() => {
  stripe = createStripeClient({ secretKey: 'sk_test_123', apiUrl: inject('stripeMockUrl') });
});

const request = (mode: CheckoutRequest['mode']): CheckoutRequest => ({
  bookingId: 'bk_contract',
  userId: 'user_1',
  idempotencyKey: `booking_bk_contract_attempt_1_${mode}_${Date.now()}`,
  mode,
  courseId: 'intro-ts',
  title: 'Intro to TypeScript',
  unitAmount: 4900,
  quantity: 1,
  currency: 'usd',
  allowPromotionCodes: false,
  invoiceCreation: false,
  taxIdCollection: false,
  successUrl: 'http://localhost:8788/?cb_booking=bk_contract&cb_result=success',
  cancelUrl: 'http://localhost:8788/?cb_booking=bk_contract&cb_result=cancel',
  returnUrl: 'http://localhost:8788/?cb_booking=bk_contract&cb_result=success',
  expiresAt: new Date(Date.now() + 30 * 60_000),
});

describe('the Stripe requests the server makes', () => {
  it('creates a redirect Checkout Session that Stripe accepts', async () => {
    const session = await stripeGateway(stripe).createCheckout(request('redirect'));
    expect(session.id).toMatch(/^cs_/);
  });

  it('creates an embedded Checkout Session that Stripe accepts, completing a card payment on the page', async () => {
    const session = await stripeGateway(stripe).createCheckout(request('embedded'));
    expect(session.id).toMatch(/^cs_/);
    expect(sessionParams(request('embedded'))).toMatchObject({
      ui_mode: 'embedded_page',
      redirect_on_completion: 'if_required',
    });
  });

  it('creates a session with every option the server can send: promotion codes, the email, Stripe Tax, terms', async () => {
    const options = { automaticTax: true, requireTerms: true };
    const full = { ...request('redirect'), allowPromotionCodes: true, customerEmail: 'ada@example.com' };
    const params = sessionParams(full, options);
    expect(params).toMatchObject({
      allow_promotion_codes: true,
      customer_email: 'ada@example.com',
      automatic_tax: { enabled: true },
      consent_collection: { terms_of_service: 'required' },
    });
    expect((await stripeGateway(stripe, options).createCheckout(full)).id).toMatch(/^cs_/);
    const embedded = { ...request('embedded'), allowPromotionCodes: true, customerEmail: 'ada@example.com' };
    expect((await stripeGateway(stripe, options).createCheckout(embedded)).id).toMatch(/^cs_/);
  });

  it('asks Checkout for an invoice and a business tax ID, for a course or for every course', async () => {
    const course = { ...request('redirect'), invoiceCreation: true, taxIdCollection: true };
    expect(sessionParams(course)).toMatchObject({
      invoice_creation: { enabled: true, invoice_data: { metadata: { bookingId: 'bk_contract' } } },
      tax_id_collection: { enabled: true },
    });
    expect((await stripeGateway(stripe).createCheckout(course)).id).toMatch(/^cs_/);
    const everyCourse = { automaticTax: false, requireTerms: false, invoiceCreation: true, taxIdCollection: true };
    expect(sessionParams(request('embedded'), everyCourse)).toMatchObject({
      invoice_creation: { enabled: true },
      tax_id_collection: { enabled: true },
    });
    expect((await stripeGateway(stripe, everyCourse).createCheckout(request('embedded'))).id).toMatch(/^cs_/);
  });

  it('refunds a payment with an invoice through a credit note on it, and reads the hosted invoice', async () => {
    const gateway = stripeGateway(stripe);
    const refund = await gateway.refundPayment('pi_123', `refund_contract_note_${Date.now()}`, 1500, 'in_123');
    expect(refund.creditNoteId).toMatch(/^cn_/);
    expect(refund.id).toBeTruthy();
    const invoice = await gateway.retrieveInvoice('in_123');
    expect(invoice.id).toMatch(/^in_/);
    expect(invoice).toHaveProperty('url');
  });

  it('carries the campaign parameters in the session and payment metadata, after our own keys', async () => {
    const tracked = {
      ...request('redirect'),
      tracking: { utm_source: 'newsletter', utm_campaign: 'spring', ref: 'anna' },
    };
    const params = sessionParams(tracked);
    expect(params.metadata).toEqual({
      utm_source: 'newsletter',
      utm_campaign: 'spring',
      ref: 'anna',
      bookingId: 'bk_contract',
      courseId: 'intro-ts',
    });
    expect(params.payment_intent_data?.metadata).toEqual(params.metadata);
    expect((await stripeGateway(stripe).createCheckout(tracked)).id).toMatch(/^cs_/);
  });

  it("gives Checkout the student's language where Stripe has it, else auto", async () => {
    expect(['de', 'de-AT', 'fr-CA', 'pt-br', 'ja', 'xx', undefined].map(checkoutLocale)).toEqual([
      'de',
      'de',
      'fr-CA',
      'pt-BR',
      'ja',
      'auto',
      'auto',
    ]);
    const session = await stripeGateway(stripe).createCheckout({ ...request('redirect'), locale: 'ja' });
    expect(session.id).toMatch(/^cs_/);
  });

  it('sends none of the options a course and the operator did not ask for', () => {
    const params = sessionParams(request('redirect'));
    for (const key of [
      'allow_promotion_codes',
      'customer_email',
      'automatic_tax',
      'consent_collection',
      'invoice_creation',
      'tax_id_collection',
    ]) {
      expect(params).not.toHaveProperty(key);
    }
  });

  it('refunds a payment in full with an idempotency key', async () => {
    const refund = await stripeGateway(stripe).refundPayment('pi_123', `refund_contract_${Date.now()}`);
    expect(refund.id).toMatch(/^re_/);
    expect(refund.status).toBeTruthy();
  });

  it('retrieves and expires a Checkout Session', async () => {
    const gateway = stripeGateway(stripe);
    expect((await gateway.retrieveCheckout('cs_test_123')).id).toBeTruthy();
    expect((await gateway.expireCheckout('cs_test_123')).id).toBeTruthy();
  });

  it('retrieves a payment intent', async () => {
    const intent = await stripeGateway(stripe).retrievePaymentIntent('pi_123');
    expect(intent.id).toMatch(/^pi_/);
    expect(['succeeded', 'processing', 'failed', 'other']).toContain(intent.status);
  });

  it('would fail on a parameter Stripe does not know (the contract check can fail)', async () => {
    const params = { ...sessionParams(request('redirect')), unknown_param: 1 } as Stripe.Checkout.SessionCreateParams;
    await expect(stripe.checkout.sessions.create(params)).rejects.toThrow(/unknown_param|additional properties/);
  });

  it('turns a Stripe failure into 503 payments_unavailable', async () => {
    const broken = createStripeClient({ secretKey: 'sk_test_123', apiUrl: 'http://127.0.0.1:9' });
    await expect(stripeGateway(broken).retrieveCheckout('cs_test_123')).rejects.toMatchObject({
      status: 503,
      code: 'payments_unavailable',
    });
  });
});
