import { Hono } from 'hono';
import { limitWebhookBody } from '../http/body-limit.js';
import type { BookingService } from '../bookings/booking-service.js';
import type { Payments } from '../stripe/index.js';

/** Stripe's webhook endpoint: verifies the signature over the raw body and applies the event once. */
export function webhookRoutes(service: BookingService, payments: Payments) {
  const app = new Hono();
  app.post('/webhooks', limitWebhookBody, async (c) => {
    const event = payments.parseWebhook(await c.req.text(), c.req.header('stripe-signature'));
    const { duplicate } = await service.handleWebhook(event);
    return c.json({ received: true, ...(duplicate ? { duplicate } : {}) });
  });
  return app;
}
