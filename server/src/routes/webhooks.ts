import { Hono } from 'hono';
import { limitWebhookBody } from '../http/body-limit.js';
import type { BookingService } from '../bookings/booking-service.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Payments } from '../stripe/index.js';

/** Stripe's webhook endpoint: verifies the signature over the raw body and applies the event once. */
export function webhookRoutes(service: BookingService, payments: Payments, logger: Logger) {
  const app = new Hono();
  app.post('/webhooks', limitWebhookBody, async (c) => {
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
