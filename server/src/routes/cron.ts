import { Hono } from 'hono';
import { errors } from '../errors.js';
import { bearerToken } from '../http/bearer.js';
import { sameSecret } from '../http/admin-auth.js';
import { z } from 'zod';
import { documented } from '../http/openapi.js';

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
  app.get(
    '/reconcile',
    documented({
      summary: 'One reconciler run (serverless hosts: a cron job calls it)',
      tag: 'Health',
      caller: 'cron',
      responses: {
        200: {
          description: 'What the run did',
          schema: z.object({ ran: z.boolean(), checked: z.number().int(), repaired: z.number().int() }),
        },
      },
      errors: [401],
    }),
    async (c) => {
      const token = bearerToken(c.req.header('authorization'));
      if (!secret || !token || !sameSecret(token, secret))
        throw errors.unauthenticated('A valid cron secret is required.');
      const { ran, checked, repaired } = await reconcile();
      return c.json({ ran, checked, repaired });
    },
  );
  return app;
}
