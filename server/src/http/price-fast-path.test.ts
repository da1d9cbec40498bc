import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../courses/catalog.js';
import { createLogger } from '../logger.js';
import { createStores } from '../store/index.js';
import { createTestApp, putCourse, type TestApp } from '../../../test/support/test-app.js';
import { listen } from './listen.js';
import { coursePageFastPath } from '../routes/course-page.js';

// The price lookup answered ahead of the framework must answer exactly as the Hono route does.
let t: TestApp;
let server: Server;
let base: string;
let catalog: ReturnType<typeof createCatalog>;
beforeAll(async () => {
  t = await createTestApp();
  await putCourse(t.app, 'intro-ts', { title: 'Intro to TypeScript', price: 4900, currency: 'usd' });
  catalog = createCatalog(createStores(t.database.db).courses);
  server = await listen({ fetch: t.app.fetch, catalog, logger: createLogger('silent'), port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.close();
});

const headersOf = (res: Response) =>
  [
    'content-type',
    'content-length',
    'etag',
    'cache-control',
    'access-control-allow-origin',
    'access-control-expose-headers',
  ].map((name) => res.headers.get(name));

describe('GET /api/courses/:id on the fast path', () => {
  it('answers the same body and headers as the app route, from the cache', async () => {
    for (let i = 0; i < 2; i += 1) {
      const fast = await fetch(`${base}/api/courses/intro-ts`);
      const routed = await t.app.request('/api/courses/intro-ts');
      expect(fast.status).toBe(200);
      expect(await fast.text()).toBe(await routed.text());
      expect(headersOf(fast)).toEqual(headersOf(routed));
      // Its length is known: one write, not chunks.
      expect(fast.headers.get('transfer-encoding')).toBeNull();
    }
  });

  it('answers 304 when the ETag still matches', async () => {
    const first = await fetch(`${base}/api/courses/intro-ts`);
    const again = await fetch(`${base}/api/courses/intro-ts`, {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('echoes a proxy request id', async () => {
    const res = await fetch(`${base}/api/courses/intro-ts`, { headers: { 'x-request-id': 'proxy-id-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('proxy-id-12345678');
  });

  it.each(['nope', '%24where', '%E0%A4%A', '..%2F'])(
    'leaves %s to the app, which answers 404 in the error shape',
    async (id) => {
      const res = await fetch(`${base}/api/courses/${id}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('course_not_found');
    },
  );

  it('answers the course list from the cache too, as the app route does, with 304 on a matching ETag', async () => {
    await catalog.list(); // cached from now on
    const fast = await fetch(`${base}/api/courses`);
    const routed = await t.app.request('/api/courses');
    expect(fast.status).toBe(200);
    expect(await fast.text()).toBe(await routed.text());
    expect(headersOf(fast)).toEqual(headersOf(routed));
    const again = await fetch(`${base}/api/courses`, { headers: { 'if-none-match': fast.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('leaves everything else to the app', async () => {
    expect((await fetch(`${base}/api/courses`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/api/courses/intro-ts`, { method: 'OPTIONS' })).status).toBe(204);
  });
});

describe('GET /c/:id (the hosted course page) on the fast path', () => {
  it('answers the same page and headers as the app route, in the asked language; the rest goes on to the app', async () => {
    const pages = await listen({
      fetch: t.app.fetch,
      catalog,
      coursePage: coursePageFastPath(catalog, { publicUrl: 'http://127.0.0.1:8787' }),
      logger: createLogger('silent'),
      port: 0,
      host: '127.0.0.1',
    });
    const at = `http://127.0.0.1:${(pages.address() as { port: number }).port}`;
    try {
      await catalog.get('intro-ts'); // cached: the fast path answers
      const headers = (res: Response) =>
        ['content-type', 'content-security-policy', 'cache-control'].map((name) => res.headers.get(name));
      for (const path of ['/c/intro-ts', '/c/intro-ts?lang=de']) {
        const fast = await fetch(`${at}${path}`);
        const routed = await t.app.request(path);
        expect(fast.status).toBe(200);
        expect(await fast.text()).toBe(await routed.text());
        expect(headers(fast)).toEqual(headers(routed));
      }
      expect(await (await fetch(`${at}/c/intro-ts`, { headers: { 'accept-language': 'fr' } })).text()).toContain(
        '<html lang="fr">',
      );
      expect((await fetch(`${at}/c/no-such-course`)).status).toBe(404);
      expect((await fetch(`${at}/c/intro-ts/no-such-date`)).status).toBe(404);
    } finally {
      await new Promise((r) => pages.close(r));
    }
  });
});
