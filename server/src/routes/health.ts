import { Hono } from 'hono';

/** Liveness and readiness. Readiness asks the database. */
export function healthRoutes(ping: () => Promise<void>) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await ping();
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ error: { code: 'not_ready', message: 'The database is not reachable.' } }, 503);
    }
  });
  return app;
}
