import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { createStores } from '../store/index.js';
import { freePort } from '../../../scripts/lib/servers.mjs';
import { appOver, createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await createTestApp({ widget: 'export const widget = 1;' })));
afterAll(() => t.close());

describe('GET /healthz and /readyz', () => {
  it('answers 200 when the database is reachable', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
    expect((await t.app.request('/readyz')).status).toBe(200);
  });

  it('answers /readyz with 503 and course reads with 503 database_unavailable when the database is down', async () => {
    // A database that stops answering: a real driver pointed at a port nobody listens on.
    const port = await freePort();
    const client = new MongoClient(`mongodb://127.0.0.1:${port}/?serverSelectionTimeoutMS=300`);
    const db = client.db('down');
    const app = appOver(createStores(db), async () => void (await db.command({ ping: 1 })));
    expect((await app.request('/readyz')).status).toBe(503);
    const res = await app.request('/api/courses/intro-ts');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
    await client.close();
  });
});

describe('errors', () => {
  it('answers an unknown route with 404 not_found in the error shape', async () => {
    const res = await t.app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('gives every response a request id', async () => {
    const res = await t.app.request('/healthz');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('GET /widget.js', () => {
  it('serves the bundle cacheable and embeddable from any origin', async () => {
    const res = await t.app.request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toContain('public');
    expect(await res.text()).toContain('widget');
  });

  it('sends brotli or gzip as the client accepts, the same bytes once decompressed', async () => {
    const plain = await (await t.app.request('/widget.js')).text();
    const br = await t.app.request('/widget.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);
    const gz = await t.app.request('/widget.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain);
    const none = await t.app.request('/widget.js', { headers: { 'accept-encoding': 'br;q=0, identity' } });
    expect(none.headers.get('content-encoding')).toBeNull();
    expect(await none.text()).toBe(plain);
  });

  it('serves chunks immutable, and 404 for a missing or malformed chunk name', async () => {
    const res = await t.app.request('/chunks/flow-abc123.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('chunk flow-abc123.js');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await t.app.request('/chunks/missing-1.js')).status).toBe(404);
    expect((await t.app.request('/chunks/..%2Fwidget.js')).status).toBe(404);
  });
});
