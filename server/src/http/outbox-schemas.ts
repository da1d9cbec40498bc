import { z } from 'zod';

// What the operator API answers about the outbox and the webhook endpoints (the OpenAPI document
// is generated from these).

/** The events an endpoint may take. */
export const webhookEventTypes = [
  'booking.paid',
  'booking.refunded',
  'booking.cancelled',
  'booking.expired',
  'booking.moved',
  'session.cancelled',
] as const;

export const outboxStates = ['pending', 'sending', 'sent', 'failed'] as const;

export const outboxItemSchema = z
  .object({
    id: z.string().meta({ description: 'Unique per booking, message kind, occasion and recipient' }),
    channel: z.enum(['mail', 'webhook']),
    kind: z.string().meta({ description: 'The mail kind (confirmed, reminder, …) or the event type' }),
    bookingId: z.string().nullable(),
    to: z.string().meta({ description: 'The address, or the endpoint URL' }),
    endpointId: z.string().nullable(),
    messageId: z.string().meta({ description: 'The Message-ID, or the webhook-id: the same on every try' }),
    state: z.enum(outboxStates),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable().meta({ description: 'When it is tried next (pending only)' }),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    lastStatus: z.number().int().nullable().meta({ description: "A webhook's last response code" }),
  })
  .meta({ ref: 'OutboxItem' });

export const outboxPageSchema = z
  .object({ items: z.array(outboxItemSchema), next: z.string().nullable() })
  .meta({ ref: 'OutboxPage' });

export const deliveryPageSchema = z
  .object({ deliveries: z.array(outboxItemSchema), next: z.string().nullable() })
  .meta({ ref: 'WebhookDeliveryPage' });

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.url(),
    events: z.array(z.enum(webhookEventTypes)),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
    previousSecretExpiresAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'Until then the secret before the last rotation signs deliveries too' }),
  })
  .meta({ ref: 'WebhookEndpoint' });

export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({ secret: z.string().meta({ description: 'Shown once: whsec_… (Standard Webhooks)' }) })
  .meta({ ref: 'WebhookEndpointWithSecret' });

export const webhookEndpointListSchema = z
  .object({ endpoints: z.array(webhookEndpointSchema) })
  .meta({ ref: 'WebhookEndpointList' });

const events = z
  .array(z.enum(webhookEventTypes), { error: `must be a list of ${webhookEventTypes.join(', ')}` })
  .min(1, 'must name at least one event')
  .transform((list) => [...new Set(list)]);

/** `POST /api/admin/webhook-endpoints`. */
export const endpointInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000, 'must be at most 2000 characters'),
  events,
});

/** `PATCH /api/admin/webhook-endpoints/:id`. */
export const endpointChangeSchema = endpointInputSchema.partial().extend({ enabled: z.boolean().optional() });
