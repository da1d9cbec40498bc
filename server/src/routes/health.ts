import { Hono } from 'hono';
import { z } from 'zod';
import { documented } from '../http/openapi.js';
import type { Readiness } from '../http/readiness.js';

/**
 * Liveness and readiness. Readiness says 503 with the reason while the backend starts (migrations),
 * and when the database does not answer within `withinMs`.
 */
export function healthRoutes(ping: () => Promise<void>, readiness: Readiness, withinMs = 2_000) {
  const app = new Hono();
  app.get(
    '/healthz',
    documented({
      summary: 'Liveness',
      tag: 'Health',
      responses: { 200: { description: 'The process runs', schema: z.object({ status: z.literal('ok') }) } },
    }),
    (c) => c.json({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    documented({
      summary: 'Readiness: migrations applied and the database answers within 2 s',
      tag: 'Health',
      responses: { 200: { description: 'Ready', schema: z.object({ status: z.literal('ready') }) } },
      errors: [503],
    }),
    async (c) => {
      const starting = readiness.notReadyBecause();
      if (starting) return c.json({ error: { code: 'starting', message: starting } }, 503, { 'Retry-After': '1' });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error('ping timed out')), withinMs);
      });
      try {
        await Promise.race([ping(), late]);
        return c.json({ status: 'ready' });
      } catch {
        return c.json({ error: { code: 'not_ready', message: 'The database is not reachable.' } }, 503);
      } finally {
        clearTimeout(timer);
      }
    },
  );
  return app;
}
