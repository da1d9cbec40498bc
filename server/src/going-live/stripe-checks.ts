import type { Config } from '../config/env.js';
import { handledEventTypes, webhookEndpoints, webhookUrlOf } from '../stripe/webhook-endpoints.js';
import { fail, ok, type CheckResult } from './check.js';

/** The webhook endpoint at `PUBLIC_URL/api/stripe/webhooks`: present, enabled, sent exactly the events the backend handles. */
export async function checkStripeWebhook(config: Pick<Config, 'publicUrl' | 'stripe'>): Promise<CheckResult[]> {
  const { secretKey, apiUrl } = config.stripe;
  if (!secretKey) return [];
  const url = webhookUrlOf(config.publicUrl);
  const title = `Stripe webhook endpoint ${url}`;
  let endpoints;
  try {
    endpoints = await webhookEndpoints({ secretKey, apiUrl }).list();
  } catch (error) {
    return [
      fail(
        'Stripe answers',
        (error as Error).message,
        'check STRIPE_SECRET_KEY (a restricted key needs Webhook Endpoints: read)',
      ),
    ];
  }
  const answers = ok('Stripe answers');
  const mine = endpoints.filter((e) => e.url === url);
  if (mine.length === 0) {
    const others = endpoints.length ? ` (the account has ${endpoints.length} for other addresses)` : '';
    return [answers, fail(title, `none${others}`, 'run npm run setup:stripe')];
  }
  if (mine.length > 1)
    return [
      ok('Stripe answers'),
      fail(
        title,
        `${mine.length} endpoints: every event would arrive twice`,
        'delete all but one in Stripe’s Dashboard → Developers → Webhooks',
      ),
    ];
  const [endpoint] = mine;
  if (endpoint!.status !== 'enabled')
    return [
      ok('Stripe answers'),
      fail(title, `${endpoint!.id} is ${endpoint!.status}`, 'enable it in Stripe’s Dashboard → Developers → Webhooks'),
    ];
  const events = new Set(endpoint!.enabledEvents);
  const missing = handledEventTypes.filter((t) => !events.has(t) && !events.has('*'));
  const extra = [...events].filter((t) => !handledEventTypes.includes(t));
  if (missing.length || extra.length) {
    const detail = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      extra.length ? `not handled ${extra.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return [answers, fail(title, detail, 'run npm run setup:stripe (it sets exactly the handled events)')];
  }
  return [answers, ok(title, `${endpoint!.id}, ${handledEventTypes.length} event types`)];
}
