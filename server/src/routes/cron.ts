import { Hono } from 'hono';
import { errors } from '../errors.js';
import { bearerToken } from '../http/bearer.js';
import { sameSecret } from '../http/admin-auth.js';

/** What one reconcile run did. */
export interface CronReport {
  ran: boolean;
  checked: number;
  repaired: number;
}

/**
 * `GET /api/cron/reconcile`: one reconciler run, for hosts where no timer runs between requests
 * (a Vercel Cron Job calls it with `Authorization: Bearer $CRON_SECRET`).
 */
export function cronRoutes(secret: string | undefined, reconcile: () => Promise<CronReport>) {
  const app = new Hono();
  app.get('/reconcile', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!secret || !token || !sameSecret(token, secret))
      throw errors.unauthenticated('A valid cron secret is required.');
    const { ran, checked, repaired } = await reconcile();
    return c.json({ ran, checked, repaired });
  });
  return app;
}
