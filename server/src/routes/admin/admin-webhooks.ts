import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, errors } from '../../errors.js';
import type { AdminEnv } from '../../http/admin-auth.js';
import { limitJsonBody } from '../../http/body-limit.js';
import { readJson } from '../../http/json-body.js';
import { documented, validParams, validQuery } from '../../http/openapi.js';
import {
  deliveryPageSchema,
  endpointChangeSchema,
  endpointInputSchema,
  outboxItemSchema,
  outboxPageSchema,
  outboxStates,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from '../../http/outbox-schemas.js';
import { pageQuery } from '../../http/page-query.js';
import { isInternalAddress } from '../../outbox/webhook-delivery.js';
import type { AuditStore, OutboxItem, OutboxStore, WebhookEndpoint, WebhookEndpointStore } from '../../store/index.js';

/** How long the secret before a rotation keeps signing, so receivers can switch without losing a delivery. */
const rotationOverlapMs = 24 * 3600_000;

const endpointParams = z.object({ id: z.string().regex(/^we_[0-9a-f]{16}$/, 'must be an endpoint id') });
const itemParams = z.object({ id: z.string().min(1).max(300) });

/** An endpoint as the API shows it: never its secrets, only when the one before the last rotation expires. */
export function toEndpointView(endpoint: WebhookEndpoint) {
  const previous = endpoint.secrets[1];
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    enabled: endpoint.enabled,
    createdAt: endpoint.createdAt.toISOString(),
    previousSecretExpiresAt: previous?.expiresAt?.toISOString() ?? null,
  };
}

/** An outbox item as the API shows it (a webhook's body and a mail's words stay in the database). */
export function toItemView(item: OutboxItem) {
  return {
    id: item.id,
    channel: item.channel,
    kind: item.kind,
    bookingId: item.bookingId,
    to: item.to,
    endpointId: item.endpointId,
    messageId: item.messageId,
    state: item.state,
    attempts: item.attempts,
    nextAttemptAt: item.state === 'pending' ? item.nextAttemptAt.toISOString() : null,
    createdAt: item.createdAt.toISOString(),
    sentAt: item.sentAt?.toISOString() ?? null,
    lastError: item.lastError,
    lastStatus: item.lastStatus,
  };
}

/**
 * The operator's outgoing webhooks and outbox: endpoints (the secret shown once, rotated with a
 * day's overlap), every delivery and mail with its state, a replay or resend of one. Audited.
 */
export function adminWebhookRoutes(deps: {
  endpoints: WebhookEndpointStore;
  outbox: OutboxStore;
  audit: AuditStore;
  /** Production refuses endpoints at internal addresses (and the sender checks each delivery's address again). */
  production: boolean;
  now: () => Date;
}) {
  const { endpoints, outbox, audit, now } = deps;
  const app = new Hono<AdminEnv>();
  const audited = (c: { get: (key: 'operator') => { actor: string; name?: string | undefined } }) => {
    const operator = c.get('operator');
    return (
      action: string,
      id: string,
      before: object | null,
      after: object | null,
      type: 'webhook_endpoint' | 'message' = 'webhook_endpoint',
    ) =>
      audit.record({
        at: now(),
        actor: operator.actor,
        actorName: operator.name,
        action,
        target: { type, id },
        before,
        after,
      });
  };
  const checkUrl = (url: string) => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (deps.production && isInternalAddress(host)) {
      throw errors.invalidRequest('That address is internal.', {
        url: 'must not be a loopback, private or link-local address',
      });
    }
  };
  const found = async (id: string) => {
    const endpoint = await endpoints.find(id);
    if (!endpoint) throw new AppError(404, 'endpoint_not_found', 'No webhook endpoint has that id.');
    return endpoint;
  };

  app.post(
    '/webhook-endpoints',
    documented({
      summary: 'Add a webhook endpoint: the events it takes; its signing secret is answered once',
      tag: 'Operator',
      caller: 'admin',
      body: endpointInputSchema,
      responses: { 201: { description: 'Added', schema: webhookEndpointWithSecretSchema } },
      errors: [400, 401, 403, 413, 415],
    }),
    limitJsonBody,
    async (c) => {
      const input = await readJson(c, endpointInputSchema);
      checkUrl(input.url);
      const endpoint = await endpoints.create(input, now());
      const view = toEndpointView(endpoint);
      await audited(c)('webhook_endpoint.create', endpoint.id, null, view);
      return c.json({ ...view, secret: endpoint.secrets[0]!.value }, 201);
    },
  );

  app.get(
    '/webhook-endpoints',
    documented({
      summary: 'The webhook endpoints (never their secrets)',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'The endpoints', schema: webhookEndpointListSchema } },
      errors: [401, 403],
    }),
    async (c) => c.json({ endpoints: (await endpoints.list()).map(toEndpointView) }),
  );

  app.patch(
    '/webhook-endpoints/:id',
    documented({
      summary: 'Change an endpoint: its URL, its events, or enable or disable it',
      tag: 'Operator',
      caller: 'admin',
      body: endpointChangeSchema,
      responses: { 200: { description: 'Changed', schema: webhookEndpointSchema } },
      errors: [400, 401, 403, 404, 413, 415],
    }),
    limitJsonBody,
    validParams(endpointParams),
    async (c) => {
      const { id } = c.req.valid('param');
      const change = await readJson(c, endpointChangeSchema);
      if (change.url) checkUrl(change.url);
      const before = toEndpointView(await found(id));
      const after = toEndpointView((await endpoints.update(id, change, now())) ?? (await found(id)));
      await audited(c)('webhook_endpoint.update', id, before, after);
      return c.json(after);
    },
  );

  app.delete(
    '/webhook-endpoints/:id',
    documented({
      summary: 'Remove an endpoint (its deliveries not sent yet are given up)',
      tag: 'Operator',
      caller: 'admin',
      responses: { 204: { description: 'Removed' } },
      errors: [401, 403, 404],
    }),
    validParams(endpointParams),
    async (c) => {
      const { id } = c.req.valid('param');
      const before = toEndpointView(await found(id));
      await endpoints.remove(id);
      await audited(c)('webhook_endpoint.delete', id, before, null);
      return c.body(null, 204);
    },
  );

  app.post(
    '/webhook-endpoints/:id/rotate',
    documented({
      summary: 'A new signing secret, answered once; the one before signs too for 24 hours',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'Rotated', schema: webhookEndpointWithSecretSchema } },
      errors: [401, 403, 404],
    }),
    validParams(endpointParams),
    async (c) => {
      const { id } = c.req.valid('param');
      await found(id);
      const rotated = (await endpoints.rotate(id, now(), rotationOverlapMs)) ?? (await found(id));
      const view = toEndpointView(rotated);
      await audited(c)('webhook_endpoint.rotate', id, null, { previousSecretExpiresAt: view.previousSecretExpiresAt });
      return c.json({ ...view, secret: rotated.secrets[0]!.value });
    },
  );

  app.get(
    '/webhook-deliveries',
    documented({
      summary: "The webhook deliveries, newest first: every endpoint's, or one's (in a state)",
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'A page of deliveries', schema: deliveryPageSchema } },
      errors: [400, 401, 403],
    }),
    validQuery(
      pageQuery(50).extend({
        endpoint: endpointParams.shape.id.optional(),
        state: z.enum(outboxStates).optional(),
      }),
    ),
    async (c) => {
      const { endpoint, state, limit, cursor } = c.req.valid('query');
      const filter = endpoint ? { endpointId: endpoint, state } : { channel: 'webhook' as const };
      const page = await outbox.list(filter, { cursor, limit });
      return c.json({ deliveries: page.items.map(toItemView), next: page.next });
    },
  );

  app.post(
    '/webhook-deliveries/:id/replay',
    documented({
      summary: 'Deliver an event to its endpoint again, under the same webhook-id',
      tag: 'Operator',
      caller: 'admin',
      responses: { 202: { description: 'Queued', schema: outboxItemSchema } },
      errors: [401, 403, 404, 409],
    }),
    validParams(itemParams),
    async (c) => resendOne(c.req.valid('param').id, 'webhook', c, 'webhook_delivery.replay'),
  );

  app.get(
    '/outbox',
    documented({
      summary: 'Everything the outbox holds, newest first: mails and webhook deliveries, in a state',
      tag: 'Operator',
      caller: 'admin',
      responses: { 200: { description: 'A page of the outbox', schema: outboxPageSchema } },
      errors: [400, 401, 403],
    }),
    validQuery(pageQuery(50).extend({ state: z.enum(outboxStates).optional() })),
    async (c) => {
      const { state, limit, cursor } = c.req.valid('query');
      const page = await outbox.list({ state }, { cursor, limit });
      return c.json({ items: page.items.map(toItemView), next: page.next });
    },
  );

  app.post(
    '/outbox/:id/resend',
    documented({
      summary: 'Send one message again (a failed mail, after the address was fixed; a delivery)',
      tag: 'Operator',
      caller: 'admin',
      responses: { 202: { description: 'Queued', schema: outboxItemSchema } },
      errors: [401, 403, 404, 409],
    }),
    validParams(itemParams),
    async (c) => resendOne(c.req.valid('param').id, undefined, c, 'outbox.resend'),
  );

  async function resendOne(
    id: string,
    channel: 'webhook' | undefined,
    c: Parameters<typeof audited>[0] & { json: (body: unknown, status: 202) => Response },
    action: string,
  ) {
    const item = await outbox.find(id);
    if (!item || (channel && item.channel !== channel)) {
      throw new AppError(404, 'message_not_found', 'Nothing in the outbox has that id.');
    }
    if (item.erasedAt) {
      throw new AppError(409, 'message_erased', 'This message was erased with the personal data it carried.');
    }
    await outbox.resend(id, now());
    const after = (await outbox.find(id)) ?? item;
    await audited(c)(action, id, { state: item.state }, { state: after.state }, 'message');
    return c.json(toItemView(after), 202);
  }

  return app;
}
