import type { Config } from '../config/env.js';
import { AppError } from '../errors.js';
import { handledEventTypes, webhookEndpoints, webhookUrlOf } from '../stripe/webhook-endpoints.js';

/** What `npm run setup:stripe` did. */
export type SetupOutcome =
  | { done: 'created'; id: string; url: string; secret: string }
  | { done: 'updated'; id: string; url: string }
  | { done: 'unchanged'; id: string; url: string };

/**
 * Makes sure the Stripe account sends exactly the handled events to `PUBLIC_URL/api/stripe/webhooks`:
 * creates the endpoint (its signing secret is in this answer only), or sets the events of the one
 * that is there. Running it again changes nothing.
 */
export async function setUpStripeWebhook(config: Pick<Config, 'publicUrl' | 'stripe'>): Promise<SetupOutcome> {
  const { secretKey, apiUrl } = config.stripe;
  if (!secretKey) throw new AppError(400, 'stripe_not_configured', 'Set STRIPE_SECRET_KEY first.');
  const endpoints = webhookEndpoints({ secretKey, apiUrl });
  const url = webhookUrlOf(config.publicUrl);
  const existing = (await endpoints.list()).find((e) => e.url === url);
  if (!existing) return { done: 'created', ...(await endpoints.create(url)) };
  const same = existing.enabledEvents.join() === [...handledEventTypes].sort().join();
  if (same) return { done: 'unchanged', id: existing.id, url };
  await endpoints.update(existing.id);
  return { done: 'updated', id: existing.id, url };
}
