import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/servers.mjs';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// What the operator reads when something underneath fails.
describe('a 503', () => {
  let h: Harness;
  const lines: string[] = [];
  beforeAll(async () => (h = await startHarness({ stripeKey: 'sk_test_refused_by_stripe!', logLines: lines })));
  afterAll(() => h.close());

  it('logs its cause at error: a refused Stripe key names the variable to fix, and no secret', async () => {
    const res = await h.api('/api/bookings/create', {
      token: h.student().token,
      body: { courseId: 'intro-ts', returnUrl },
    });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('payments_unavailable');
    expect(JSON.stringify(res.body)).not.toContain('STRIPE_SECRET_KEY');
    const logged = lines.map((line) => JSON.parse(line) as { msg: string }).find((l) => l.msg === 'unavailable');
    expect(logged).toMatchObject({
      level: 'error',
      code: 'payments_unavailable',
      cause: {
        source: 'stripe',
        type: 'StripeAuthenticationError',
        message: expect.stringContaining('STRIPE_SECRET_KEY'),
      },
    });
    expect(lines.join('\n')).not.toContain('sk_test_refused_by_stripe');
  });
});

describe('a database the backend cannot reach at start', () => {
  it('prints one line naming the host and the reason, and exits 1', async () => {
    const port = await freePort();
    const run = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../index.ts')], {
      env: {
        PATH: process.env.PATH,
        MONGODB_URI: `mongodb://someone:secret-password@127.0.0.1:${port}/?serverSelectionTimeoutMS=500`,
        WIDGET_TOKEN_SECRET: 'w'.repeat(32),
        ADMIN_API_KEY: 'a'.repeat(24),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    run.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((done) => run.once('exit', done))).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`Cannot connect to MongoDB at 127.0.0.1:${port}`);
    expect(stderr).not.toContain('secret-password');
  }, 30_000);
});
