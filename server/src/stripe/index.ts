import type { PaymentGateway } from '../bookings/payment-gateway.js';
import type { PaymentEvent } from '../bookings/payment-event.js';
import { stripeGateway, type CheckoutOptions } from './checkout.js';
import { createStripeClient, type StripeOptions } from './client.js';
import { parseWebhook } from './webhook-events.js';

/** What the app needs from Stripe: Checkout, and verified webhook events. */
export interface Payments {
  gateway: PaymentGateway;
  /** Verifies and reads a webhook delivery; throws AppError 400 `invalid_signature`. */
  parseWebhook(rawBody: string, signature: string | undefined): PaymentEvent;
}

/** Creates the Stripe-backed payments. */
export function createPayments(
  options: StripeOptions & { webhookSecret: string; checkout?: CheckoutOptions | undefined },
): Payments {
  const stripe = createStripeClient(options);
  return {
    gateway: stripeGateway(stripe, options.checkout),
    parseWebhook: (rawBody, signature) => parseWebhook(stripe, rawBody, signature, options.webhookSecret),
  };
}
