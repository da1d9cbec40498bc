import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { parseFormBody, stringAt, type FormValue } from './form-body.js';

/** A webhook endpoint as Stripe's API answers it. */
interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  status: 'enabled';
  livemode: false;
  created: number;
  description: string | null;
}

/**
 * Stripe's webhook endpoint API (create, update, list), kept in memory: what `npm run setup:stripe` and
 * `npm run doctor` call. The sandbox signs every delivery with its one secret, which `create`
 * returns, as Stripe returns the new endpoint's.
 */
export function webhookEndpointRoutes(secret: string) {
  const endpoints: WebhookEndpoint[] = [];
  const app = new Hono();
  app.post('/v1/webhook_endpoints', async (c) => {
    const params = parseFormBody(await c.req.text());
    const events = params.enabled_events;
    const endpoint: WebhookEndpoint = {
      id: `we_sandbox_${randomBytes(8).toString('hex')}`,
      object: 'webhook_endpoint',
      url: stringAt(params, 'url') ?? '',
      enabled_events: Array.isArray(events) ? events.filter((e: FormValue): e is string => typeof e === 'string') : [],
      status: 'enabled',
      livemode: false,
      created: Math.floor(Date.now() / 1000),
      description: stringAt(params, 'description') ?? null,
    };
    endpoints.push(endpoint);
    return c.json({ ...endpoint, secret });
  });
  app.post('/v1/webhook_endpoints/:id', async (c) => {
    const endpoint = endpoints.find((e) => e.id === c.req.param('id'));
    if (!endpoint)
      return c.json({ error: { type: 'invalid_request_error', message: 'No such webhook endpoint.' } }, 404);
    const events = parseFormBody(await c.req.text()).enabled_events;
    if (Array.isArray(events))
      endpoint.enabled_events = events.filter((e: FormValue): e is string => typeof e === 'string');
    return c.json(endpoint);
  });
  app.get('/v1/webhook_endpoints', (c) =>
    c.json({ object: 'list', url: '/v1/webhook_endpoints', has_more: false, data: endpoints }),
  );
  return app;
}
