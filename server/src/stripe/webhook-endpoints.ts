import { createStripeClient, type StripeOptions } from './client.js';
import { eventSchemas } from './event-schema.js';

/** Every event type the backend acts on: what its webhook endpoint must be sent, and nothing else. */
export const handledEventTypes: readonly string[] = Object.keys(eventSchemas).sort();

/** A webhook endpoint on the Stripe account. */
export interface WebhookEndpointInfo {
  id: string;
  url: string;
  enabledEvents: string[];
  status: string;
}

/** The account's webhook endpoints: listed for `npm run doctor`, created for `npm run setup:stripe`. */
export function webhookEndpoints(options: StripeOptions) {
  const stripe = createStripeClient(options);
  const info = (e: { id: string; url: string; enabled_events: string[]; status: string }): WebhookEndpointInfo => ({
    id: e.id,
    url: e.url,
    enabledEvents: [...e.enabled_events].sort(),
    status: e.status,
  });
  return {
    async list(): Promise<WebhookEndpointInfo[]> {
      const endpoints: WebhookEndpointInfo[] = [];
      for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) endpoints.push(info(endpoint));
      return endpoints;
    },
    /** Creates the endpoint with exactly the handled events; its signing secret is in the answer only. */
    async create(url: string): Promise<WebhookEndpointInfo & { secret: string }> {
      const endpoint = await stripe.webhookEndpoints.create({
        url,
        enabled_events: [...handledEventTypes] as never,
        description: 'course-booking backend (npm run setup:stripe)',
      });
      return { ...info(endpoint), secret: endpoint.secret ?? '' };
    },
    /** Sets an existing endpoint's events to exactly the handled ones. */
    async update(id: string): Promise<WebhookEndpointInfo> {
      return info(await stripe.webhookEndpoints.update(id, { enabled_events: [...handledEventTypes] as never }));
    },
  };
}

/** Where the backend receives Stripe's events. */
export function webhookUrlOf(publicUrl: string): string {
  return new URL('/api/stripe/webhooks', publicUrl).toString();
}
