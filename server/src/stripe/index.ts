import type { PaymentGateway } from '../bookings/payment-gateway.js';
import type { PaymentEvent } from '../bookings/payment-event.js';
import { stripeGateway, type CheckoutOptions } from './checkout.js';
import { createStripeClient, type StripeOptions } from './client.js';
import { parseWebhook } from './webhook-events.js';

/** When Stripe last answered, and last failed: the operator's readiness screen (this instance's view). */
export interface StripeHealth {
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
}

/** What the app needs from Stripe: Checkout, and verified webhook events. */
export interface Payments {
  gateway: PaymentGateway;
  /** Test or live, from the secret key: which of Stripe's Dashboards shows its objects. */
  mode: 'test' | 'live';
  health(): StripeHealth;
  /** Verifies and reads a webhook delivery; throws AppError 400 `invalid_signature`. */
  parseWebhook(rawBody: string, signature: string | undefined): PaymentEvent;
}

/** Creates the Stripe-backed payments. */
export function createPayments(
  options: StripeOptions & { webhookSecret: string; checkout?: CheckoutOptions | undefined },
): Payments {
  const stripe = createStripeClient(options);
  const health: StripeHealth = { lastSuccessAt: null, lastFailureAt: null, lastError: null };
  return {
    gateway: tracked(stripeGateway(stripe, options.checkout), health),
    mode: /^(sk|rk)_live_/.test(options.secretKey) ? 'live' : 'test',
    health: () => ({ ...health }),
    parseWebhook: (rawBody, signature) => parseWebhook(stripe, rawBody, signature, options.webhookSecret),
  };
}

/** The gateway, noting in `health` when each call succeeded or failed. */
function tracked(gateway: PaymentGateway, health: StripeHealth): PaymentGateway {
  const track =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        health.lastSuccessAt = new Date();
        return result;
      } catch (error) {
        health.lastFailureAt = new Date();
        health.lastError = error instanceof Error ? error.message : String(error);
        throw error;
      }
    };
  return {
    createCheckout: track(gateway.createCheckout),
    retrieveCheckout: track(gateway.retrieveCheckout),
    retrievePaymentIntent: track(gateway.retrievePaymentIntent),
    expireCheckout: track(gateway.expireCheckout),
    refundPayment: track(gateway.refundPayment),
    retrieveInvoice: track(gateway.retrieveInvoice),
  };
}
