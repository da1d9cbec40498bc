import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib/servers.mjs';
import { createClerkKeys, mintSessionToken } from '../../test/support/clerk.js';
import { sessionObject, siteOrigin, stripeEvent } from '../../test/support/booking-harness.js';
import { createSandbox } from '../sandbox/sandbox-app.js';
import { signPayload } from '../sandbox/webhook-sender.js';
import { parseConfig } from './config/env.js';
import { connectDatabase, type Database } from './store/index.js';
import { createServerlessApp } from './vercel.js';

// The Vercel entry driven as the platform drives it: `fetch(new Request(…))`, no server of its own.
const clerk = createClerkKeys();
const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
const cronSecret = randomBytes(18).toString('hex');
const adminKey = randomBytes(18).toString('hex');
const base = 'https://booking.example.com';
let sandbox: ServerType;
let sandboxUrl: string;
let distDir: string;
const databases: Database[] = [];
let connections = 0;
let entry: ReturnType<typeof createServerlessApp>;

beforeAll(async () => {
  const port = await freePort();
  sandboxUrl = `http://127.0.0.1:${port}`;
  const app = createSandbox({ publicUrl: sandboxUrl, webhook: { url: undefined, secret: webhookSecret } });
  sandbox = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  distDir = await mkdtemp(join(tmpdir(), 'cb-dist-'));
  await writeFile(join(distDir, 'widget.js'), 'export const widget = 1;');
  const config = parseConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: base,
    ALLOWED_ORIGINS: siteOrigin,
    MONGODB_URI: inject('mongodbUri'),
    MONGODB_DB: `test_vercel_${randomBytes(4).toString('hex')}`,
    WIDGET_TOKEN_SECRET: randomBytes(24).toString('hex'),
    ADMIN_API_KEY: adminKey,
    STRIPE_SECRET_KEY: 'sk_test_vercel',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: sandboxUrl,
    CLERK_JWT_KEY: clerk.jwtKey,
    CLERK_PUBLISHABLE_KEY: 'pk_test_Y2xlcmsuZXhhbXBsZS5jb20k',
    CRON_SECRET: cronSecret,
    LOG_LEVEL: 'silent',
  });
  entry = createServerlessApp({
    config: () => config,
    connect: async (uri, db) => {
      connections += 1;
      const database = await connectDatabase(uri, db);
      databases.push(database);
      return database;
    },
    distDir,
  });
});

afterAll(async () => {
  for (const database of databases) {
    await database.db.dropDatabase().catch(() => undefined);
    await database.close();
  }
  await new Promise((done) => sandbox.close(done));
  await rm(distDir, { recursive: true, force: true });
});

const call = (path: string, init: RequestInit = {}) => entry.fetch(new Request(`${base}${path}`, init));
const asStudent = (token: string, body?: unknown): RequestInit => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: { authorization: `Bearer ${token}`, origin: siteOrigin, 'content-type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe('the Vercel entry', () => {
  it('connects on the first request of an instance and reuses the client afterwards', async () => {
    expect(connections).toBe(0);
    expect((await call('/readyz')).status).toBe(200);
    expect(connections).toBe(1);
    expect((await call('/healthz')).status).toBe(200);
    expect((await call('/readyz')).status).toBe(200);
    expect(connections).toBe(1);
  });

  it('serves widget.js with the same headers as on Node', async () => {
    const res = await call('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toContain('max-age=300');
    expect(await res.text()).toBe('export const widget = 1;');
  });

  it('books and pays: create, signed webhook, read', async () => {
    const put = await call('/api/admin/courses/vercel-course', {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'On Vercel', description: '', price: 4900, currency: 'usd' }),
    });
    expect(put.status).toBe(201);
    const token = mintSessionToken(clerk, { sub: 'user_vercel_1', azp: siteOrigin });
    const created = await call(
      '/api/bookings/create',
      asStudent(token, { courseId: 'vercel-course', returnUrl: `${siteOrigin}/` }),
    );
    expect(created.status).toBe(201);
    const { booking } = (await created.json()) as { booking: { id: string; stripeSessionId: string } };
    const payload = JSON.stringify(
      stripeEvent('checkout.session.completed', sessionObject({ id: booking.stripeSessionId, bookingId: booking.id })),
    );
    const webhook = await call('/api/stripe/webhooks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, webhookSecret) },
      body: payload,
    });
    expect(webhook.status).toBe(200);
    const read = await call(`/api/bookings/${booking.id}`, asStudent(token));
    expect(((await read.json()) as { paymentStatus: string }).paymentStatus).toBe('paid');
  });

  it('runs the reconciler from the cron request, only with the cron secret', async () => {
    expect((await call('/api/cron/reconcile')).status).toBe(401);
    expect((await call('/api/cron/reconcile', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    // A paid booking whose webhook never came, due for a check.
    const token = mintSessionToken(clerk, { sub: 'user_vercel_2', azp: siteOrigin });
    const created = await call(
      '/api/bookings/create',
      asStudent(token, { courseId: 'vercel-course', returnUrl: `${siteOrigin}/` }),
    );
    const { booking } = (await created.json()) as { booking: { id: string; stripeSessionId: string } };
    await fetch(`${sandboxUrl}/pay/${booking.stripeSessionId}/pay`, { method: 'POST', redirect: 'manual' });
    await databases[0]!.db
      .collection('bookings')
      .updateOne({ _id: booking.id as never }, { $set: { reconcileAt: new Date(0) } });
    const run = await call('/api/cron/reconcile', { headers: { authorization: `Bearer ${cronSecret}` } });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ ran: true, repaired: 1 });
    const read = await call(`/api/bookings/${booking.id}`, asStudent(token));
    expect(((await read.json()) as { paymentStatus: string }).paymentStatus).toBe('paid');
  });
});

describe('the Vercel entry without its database', () => {
  it('answers 503 while it cannot connect, and connects on a later request', async () => {
    let fail = true;
    const flaky = createServerlessApp({
      config: () =>
        parseConfig({
          MONGODB_URI: inject('mongodbUri'),
          MONGODB_DB: 'test_vercel_flaky',
          WIDGET_TOKEN_SECRET: 'w'.repeat(32),
          ADMIN_API_KEY: 'a'.repeat(24),
          LOG_LEVEL: 'silent',
        }),
      connect: async (uri, db) => {
        if (fail) throw new Error('connect ECONNREFUSED');
        const database = await connectDatabase(uri, db);
        databases.push(database);
        return database;
      },
    });
    const first = await flaky.fetch(new Request(`${base}/readyz`));
    expect(first.status).toBe(503);
    fail = false;
    expect((await flaky.fetch(new Request(`${base}/readyz`))).status).toBe(200);
  });
});
