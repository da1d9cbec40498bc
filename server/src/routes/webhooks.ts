import { Hono } from 'hono';
import { limitWebhookBody } from '../http/body-limit.js';
import type { BookingService } from '../bookings/booking-service.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Payments } from '../stripe/index.js';
import { z } from 'zod';
import { documented, type RouteDoc } from '../http/openapi.js';

/** Stripe's webhook endpoint: verifies the signature over the raw body and applies the event once. */
export function webhookRoutes(service: BookingService, payments: Payments, logger: Logger) {
  const app = new Hono();
  app.post('/webhooks', documented(webhookDoc), limitWebhookBody, async (c) => {
    const event = parseLogged(await c.req.text(), c.req.header('stripe-signature'));
    const { duplicate, outcome } = await service.handleWebhook(event);
    if (outcome?.outcome === 'ignored' && outcome.reason !== 'unhandled_type') {
      logger.warn('stripe event ignored', { eventId: event.eventId, type: event.type, ...outcome });
    }
    return c.json({
      received: true,
      ...(duplicate ? { duplicate } : {}),
      ...(outcome ? { outcome: outcome.outcome } : {}),
    });
  });
  function parseLogged(body: string, signature: string | undefined) {
    try {
      return payments.parseWebhook(body, signature);
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_event') {
        logger.warn('stripe event refused', { reason: error.message });
      }
      throw error;
    }
  }

  return app;
}

/** `POST /api/stripe/webhooks`, as documented (also when Stripe is not configured and it answers 503). */
export const webhookDoc: RouteDoc = {
  summary: "Stripe's webhook: verified over the raw body, applied exactly once in effect",
  tag: 'Webhooks',
  caller: 'stripe',
  responses: {
    200: {
      description: 'Received (also for events that change nothing; see the webhook log)',
      schema: z.object({
        received: z.literal(true),
        duplicate: z.boolean().optional(),
        outcome: z.string().optional(),
      }),
    },
  },
  errors: [400, 413, 503],
};
