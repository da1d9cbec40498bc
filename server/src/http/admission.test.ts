import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrorHandler } from './error-handler.js';
import { createLogger } from '../logger.js';
import { admission } from './admission.js';

/** An app whose one route holds each request until `release` is called. */
function heldApp(limits: Parameters<typeof admission>[0]) {
  const waiting: Array<() => void> = [];
  let started = 0;
  const app = new Hono();
  app.use('*', admission(limits));
  app.post('/work', async (c) => {
    started += 1;
    await new Promise<void>((done) => waiting.push(done));
    return c.json({ done: true });
  });
  app.onError(createErrorHandler(createLogger('silent')));
  const releaseAll = async () => {
    while (waiting.length) waiting.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { app, started: () => started, releaseAll };
}

describe('admission', () => {
  it('turns away what exceeds the running and waiting limits with 503 overloaded and Retry-After, before any work', async () => {
    const { app, started, releaseAll } = heldApp({ inFlight: 2, queued: 3, waitMs: 5_000 });
    const answers = Array.from({ length: 8 }, () => app.request('/work', { method: 'POST' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started()).toBe(2);
    // Two running, three waiting: the other three are answered at once.
    const early = await Promise.race([Promise.all(answers.slice(5)), new Promise((r) => setTimeout(r, 200, 'late'))]);
    expect(early).not.toBe('late');
    for (const res of early as Response[]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('overloaded');
    }
    // The waiting ones take their turns as the running ones finish.
    for (let round = 0; round < 4; round += 1) await releaseAll();
    const served = await Promise.all(answers.slice(0, 5));
    expect(served.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    expect(started()).toBe(5);
  });

  it('turns away a request that waited longer than waitMs, without starting it', async () => {
    const { app, started, releaseAll } = heldApp({ inFlight: 1, queued: 10, waitMs: 50 });
    const first = app.request('/work', { method: 'POST' });
    const second = await app.request('/work', { method: 'POST' });
    expect(second.status).toBe(503);
    expect(started()).toBe(1);
    await releaseAll();
    expect((await first).status).toBe(200);
    // The turn it gave up is not lost: the next request runs.
    const third = app.request('/work', { method: 'POST' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await releaseAll();
    expect((await third).status).toBe(200);
  });
});
