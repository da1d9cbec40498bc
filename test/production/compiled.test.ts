import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, waitForPort, waitForReady } from '../../scripts/lib/servers.mjs';
import { createClerkKeys, mintSessionToken } from '../support/clerk.js';
import { sessionObject, siteOrigin, stripeEvent } from '../support/booking-harness.js';
import { signPayload } from '../../server/sandbox/webhook-sender.js';

// `npm run build`, then a copy with production dependencies only (no tsx, no TypeScript), started
// with `npm run serve` under NODE_ENV=production against FerretDB, stripe-mock and minted Clerk keys.
const root = resolve(import.meta.dirname, '../..');
const clerk = createClerkKeys();
const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
const adminKey = randomBytes(18).toString('hex');
let dir: string;
let server: ChildProcess;
let url: string;
let output = '';
let env: Record<string, string | undefined>;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/node/server/src/index.js')))
    throw new Error('dist/node is missing: run npm run build first');
  dir = await mkdtemp(join(tmpdir(), 'cb-production-'));
  for (const name of ['package.json', 'package-lock.json', 'dist', 'scripts/run-entry.mjs'])
    await cp(join(root, name), join(dir, name), { recursive: true });
  const install = spawnSync(
    'npm',
    ['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
    {
      cwd: dir,
      encoding: 'utf8',
      timeout: 280_000,
    },
  );
  if (install.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${install.stderr}`);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: url,
    ALLOWED_ORIGINS: siteOrigin,
    MONGODB_URI: inject('mongodbUri'),
    MONGODB_DB: `test_production_${port}`,
    WIDGET_TOKEN_SECRET: randomBytes(24).toString('hex'),
    ADMIN_API_KEY: adminKey,
    STRIPE_SECRET_KEY: 'sk_test_123',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: inject('stripeMockUrl'),
    CLERK_JWT_KEY: clerk.jwtKey,
    CLERK_PUBLISHABLE_KEY: 'pk_test_Y2xlcmsuZXhhbXBsZS5jb20k',
  };
  server = spawn('npm', ['run', '--silent', 'serve'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForPort(port, server)
    .then(() => waitForReady(url, server))
    .catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
});

afterAll(async () => {
  server?.kill('SIGTERM');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the compiled server in production', () => {
  it('runs npm run migrate and npm run doctor without development dependencies', () => {
    const migrate = spawnSync('npm', ['run', '--silent', 'migrate'], { cwd: dir, env, encoding: 'utf8' });
    expect(migrate.stdout).toContain('migrations: none pending'); // the server applied them at start
    expect(migrate.status).toBe(0);
    const doctor = spawnSync('npm', ['run', '--silent', 'doctor'], { cwd: dir, env, encoding: 'utf8' });
    expect(doctor.stdout).toContain('✓ migrations applied');
    expect(doctor.stdout).toContain('✓ every expected index present');
    // http addresses in production, and no webhook endpoint on stripe-mock's account.
    expect(doctor.stdout).toContain('✗ PUBLIC_URL is https');
    expect(doctor.status).toBe(1);
  });

  it('runs without development dependencies', () => {
    expect(existsSync(join(dir, 'node_modules/hono'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules/typescript'))).toBe(false);
  });

  it('is ready, logs JSON, and says that Stripe calls go to a test API', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const lines = output.trim().split('\n');
    expect(() => lines.map((line) => JSON.parse(line) as unknown)).not.toThrow();
    expect(output).toContain('Stripe calls go to a Stripe-compatible API');
  });

  it('serves the widget it was built with', async () => {
    const res = await fetch(`${url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('serves the operator console and its bundle, and describes its API', async () => {
    expect((await fetch(`${url}/admin`)).status).toBe(200);
    expect((await fetch(`${url}/admin.js`)).status).toBe(200);
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(doc.paths).toHaveProperty(['/api/admin/bookings/{id}/refund']);
  });

  it('books: create through Stripe (stripe-mock), a signed webhook, then paid when read', async () => {
    const put = await fetch(`${url}/api/admin/courses/live-course`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Live', description: '', price: 4900, currency: 'usd' }),
    });
    expect(put.status).toBe(201);
    const token = mintSessionToken(clerk, { sub: 'user_production_1', azp: siteOrigin });
    const student = { authorization: `Bearer ${token}`, origin: siteOrigin, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/bookings/create`, {
      method: 'POST',
      headers: student,
      body: JSON.stringify({ courseId: 'live-course', returnUrl: `${siteOrigin}/` }),
    });
    expect(created.status).toBe(201);
    const { booking } = (await created.json()) as { booking: { id: string; stripeSessionId: string } };
    const payload = JSON.stringify(
      stripeEvent('checkout.session.completed', sessionObject({ id: booking.stripeSessionId, bookingId: booking.id })),
    );
    const webhook = await fetch(`${url}/api/stripe/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, webhookSecret) },
      body: payload,
    });
    expect(webhook.status).toBe(200);
    const read = await fetch(`${url}/api/bookings/${booking.id}`, { headers: student });
    expect(((await read.json()) as { paymentStatus: string }).paymentStatus).toBe('paid');
  });
});
