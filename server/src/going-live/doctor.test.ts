import { serve, type ServerType } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../../scripts/lib/servers.mjs';
import { createClerkKeys } from '../../../test/support/clerk.js';
import { createSandbox } from '../../sandbox/sandbox-app.js';
import { connectDatabase, migrateDatabase } from '../store/index.js';
import { handledEventTypes } from '../stripe/webhook-endpoints.js';
import { formatReport, type CheckResult } from './check.js';
import { checkConfig } from './config-checks.js';
import { checkClock, checkTopology } from './database-checks.js';
import { parseConfig } from '../config/env.js';
import { runDoctor } from './doctor.js';

const root = resolve(import.meta.dirname, '../../..');
const sandboxSecret = `whsec_${randomBytes(24).toString('hex')}`;
let sandbox: ServerType;
let sandboxUrl: string;
const clerk = createClerkKeys();
const databases: string[] = [];

beforeAll(async () => {
  const port = await freePort();
  sandboxUrl = `http://127.0.0.1:${port}`;
  const app = createSandbox({ publicUrl: sandboxUrl, webhook: { url: undefined, secret: sandboxSecret } });
  sandbox = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
});
afterAll(async () => {
  sandbox?.close();
  const database = await connectDatabase(inject('mongodbUri'), 'unused');
  for (const name of databases)
    await database.db.client
      .db(name)
      .dropDatabase()
      .catch(() => undefined);
  await database.close();
});

/** An environment as an operator writes it, over a database of its own, with Stripe's API at the sandbox. */
function environment(overrides: Record<string, string> = {}): Record<string, string> {
  const db = `test_doctor_${randomBytes(5).toString('hex')}`;
  databases.push(db);
  return {
    PATH: process.env.PATH ?? '',
    MONGODB_URI: inject('mongodbUri'),
    MONGODB_DB: db,
    PUBLIC_URL: `http://127.0.0.1:${8000 + Math.floor(Math.random() * 999)}`,
    ALLOWED_ORIGINS: 'http://localhost:8788',
    WIDGET_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    ADMIN_API_KEY: randomBytes(32).toString('base64url'),
    STRIPE_SECRET_KEY: 'sk_test_sandbox',
    STRIPE_API_URL: sandboxUrl,
    STRIPE_WEBHOOK_SECRET: sandboxSecret,
    CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('clerk.example.com$').toString('base64')}`,
    CLERK_JWT_KEY: clerk.jwtKey,
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

/** Runs one of the npm scripts' entries as the operator would; answers its exit code and output. */
function run(entry: 'doctor' | 'setup-stripe', env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(process.execPath, ['scripts/run-entry.mjs', entry], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => done({ code, output }));
  });
}

const find = (results: CheckResult[], title: string) => results.find((r) => r.title.startsWith(title));

describe('npm run setup:stripe, then npm run doctor', () => {
  it('creates the webhook endpoint with exactly the handled events, prints its secret once, and the doctor passes', async () => {
    const env = environment();
    await migrateDatabase(env.MONGODB_URI!, env.MONGODB_DB!);
    const setup = await run('setup-stripe', env);
    expect(setup.code).toBe(0);
    expect(setup.output).toContain(`STRIPE_WEBHOOK_SECRET=${sandboxSecret}`);
    for (const type of handledEventTypes) expect(setup.output).toContain(type);

    const again = await run('setup-stripe', env);
    expect(again.output).toContain('already set up; nothing changed');
    expect(again.output).not.toContain('STRIPE_WEBHOOK_SECRET=');

    const doctor = await run('doctor', env);
    expect(doctor.output).toContain(`✓ Stripe webhook endpoint ${env.PUBLIC_URL}/api/stripe/webhooks`);
    expect(doctor.output).toContain('✓ migrations applied');
    expect(doctor.output).toContain('✓ every expected index present');
    expect(doctor.output).toContain('⚠ MongoDB version and topology: FerretDB');
    expect(doctor.output).toMatch(/doctor: \d+ ok, \d+ warnings, 0 failed/);
    expect(doctor.code).toBe(0);
  }, 60_000);

  it('creates the endpoint through requests stripe-mock accepts (Stripe’s own API description)', async () => {
    const env = environment({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_API_URL: inject('stripeMockUrl') });
    const setup = await run('setup-stripe', env);
    expect(setup.code).toBe(0);
    expect(setup.output).toMatch(
      /Created the webhook endpoint we_\w+ for http:\/\/127\.0\.0\.1:\d+\/api\/stripe\/webhooks/,
    );
  }, 30_000);
});

describe('npm run doctor says ✗ with the fix', () => {
  it('for pending migrations, and for an index that is missing', async () => {
    const env = environment();
    const fresh = await runDoctor(env);
    expect(find(fresh, 'migrations applied')).toMatchObject({ status: 'fail', fix: 'run npm run migrate' });
    expect(find(fresh, 'every expected index present')).toMatchObject({ status: 'fail', fix: 'run npm run migrate' });

    await migrateDatabase(env.MONGODB_URI!, env.MONGODB_DB!);
    const database = await connectDatabase(env.MONGODB_URI!, env.MONGODB_DB!);
    await database.db.collection('bookings').dropIndex('user_newest');
    await database.close();
    const dropped = find(await runDoctor(env), 'every expected index present');
    expect(dropped).toMatchObject({ status: 'fail', detail: 'bookings.user_newest missing' });
  }, 30_000);

  it('and exits 1 when the webhook endpoint is missing, listing the others', async () => {
    const env = environment({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_API_URL: inject('stripeMockUrl') });
    await migrateDatabase(env.MONGODB_URI!, env.MONGODB_DB!);
    const doctor = await run('doctor', env);
    expect(doctor.code).toBe(1);
    expect(doctor.output).toMatch(
      /✗ Stripe webhook endpoint .*: none \(the account has \d+ for other addresses\)\n {4}fix: run npm run setup:stripe/,
    );
  }, 30_000);

  it('for an endpoint sent other events than the handled ones, until setup:stripe sets them', async () => {
    const env = environment();
    const form = new URLSearchParams({
      url: `${env.PUBLIC_URL}/api/stripe/webhooks`,
      'enabled_events[0]': 'checkout.session.completed',
      'enabled_events[1]': 'customer.created',
    });
    await fetch(`${sandboxUrl}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_sandbox' },
      body: form,
    });
    const wrong = find(await runDoctor(env), 'Stripe webhook endpoint');
    expect(wrong?.status).toBe('fail');
    expect(wrong?.detail).toContain('missing charge.dispute.closed');
    expect(wrong?.detail).toContain('not handled customer.created');
    expect((await run('setup-stripe', env)).output).toContain('now receives exactly the');
    expect(find(await runDoctor(env), 'Stripe webhook endpoint')?.status).toBe('ok');
  }, 30_000);

  it('for a key Stripe refuses, a database it cannot reach, and a configuration that is wrong', async () => {
    const refused = await runDoctor(environment({ STRIPE_SECRET_KEY: 'rk_test_notakey' }));
    expect(find(refused, 'Stripe answers')?.status).toBe('fail');

    const unreachable = await runDoctor(environment({ MONGODB_URI: 'mongodb://127.0.0.1:1/' }));
    expect(find(unreachable, 'MongoDB reachable')).toMatchObject({ status: 'fail' });

    const invalid = await runDoctor({ PATH: '', MONGODB_URI: 'postgres://nope' });
    expect(invalid.every((r) => r.status === 'fail' && r.title === 'configuration')).toBe(true);
    expect(invalid.map((r) => r.detail).join()).toContain('MONGODB_URI');
  }, 30_000);

  it('for mail: off without SMTP_URL (a warning), ✗ for a server that does not answer, ✓ for one that does', async () => {
    const off = await runDoctor(environment());
    expect(find(off, 'Mail (SMTP_URL)')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^off/) });
    const down = await runDoctor(environment({ SMTP_URL: `smtp://user:secret@127.0.0.1:${await freePort()}` }));
    const failed = find(down, 'Mail (SMTP_URL)');
    expect(failed?.status).toBe('fail');
    expect(failed?.detail).not.toContain('secret');
    const up = await runDoctor(environment({ SMTP_URL: inject('smtpUrl'), OPERATOR_EMAIL: 'owner@example.com' }));
    expect(find(up, 'Mail (SMTP_URL)')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('a line per paid booking to owner@example.com'),
    });
  }, 30_000);

  it('in production: for http addresses, a CLERK_JWT_KEY that does not parse, a weak secret and the embedded database', async () => {
    const results = await runDoctor(
      environment({
        NODE_ENV: 'production',
        STRIPE_SECRET_KEY: 'sk_test_production_smoke',
        CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----',
        CRON_SECRET: 'a'.repeat(40),
      }),
    );
    expect(find(results, 'PUBLIC_URL is https')?.status).toBe('fail');
    expect(find(results, 'ALLOWED_ORIGINS are https')).toMatchObject({
      status: 'fail',
      detail: 'http://localhost:8788 is not https',
    });
    expect(find(results, 'CLERK_JWT_KEY parses')?.status).toBe('fail');
    expect(find(results, 'CRON_SECRET is long enough')).toMatchObject({
      status: 'fail',
      detail: 'too few different characters to be random',
    });
    expect(find(results, 'MongoDB version and topology')?.status).toBe('fail');
    expect(find(results, 'Stripe keys')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('test mode'),
    });
    expect(formatReport(results)).toMatch(/✗ PUBLIC_URL is https: .*\n {4}fix: set PUBLIC_URL/);
  }, 30_000);

  it('for a clock far from the database’s, and warns of a standalone MongoDB', () => {
    expect(checkClock({ clockAheadMs: 6_000 }).status).toBe('fail');
    expect(checkClock({ clockAheadMs: -2_000 })).toMatchObject({ status: 'warn', detail: 'behind by 2000 ms' });
    expect(checkClock({ clockAheadMs: 12 }).status).toBe('ok');
    const facts = { version: '7.0.14', ferretdb: undefined, serverTime: new Date(), clockAheadMs: 0 };
    expect(checkTopology({ ...facts, topology: { kind: 'standalone' } }, true).status).toBe('warn');
    expect(checkTopology({ ...facts, topology: { kind: 'replica set', name: 'rs0' } }, true)).toMatchObject({
      status: 'ok',
      detail: 'MongoDB 7.0.14, replica set rs0',
    });
    expect(checkTopology({ ...facts, version: '5.0.3', topology: { kind: 'sharded' } }, true).status).toBe('fail');
  });

  it('for keys of the wrong kind, no allowed origin, and two endpoints where one belongs', async () => {
    const config = (overrides: Record<string, string>) => checkConfig(parseConfig(environment(overrides)));
    expect(find(config({ ALLOWED_ORIGINS: '' }), 'ALLOWED_ORIGINS')?.status).toBe('fail');
    expect(find(config({ STRIPE_SECRET_KEY: 'pk_test_publishable' }), 'Stripe keys')).toMatchObject({
      status: 'fail',
      detail: 'STRIPE_SECRET_KEY is not a secret key (sk_… or rk_…)',
    });
    expect(find(config({ STRIPE_WEBHOOK_SECRET: 'secret' }), 'Stripe keys')).toMatchObject({
      status: 'fail',
      fix: 'run npm run setup:stripe and set the secret it prints',
    });
    expect(find(config({ CLERK_PUBLISHABLE_KEY: 'sk_test_swapped' }), 'CLERK_PUBLISHABLE_KEY')?.status).toBe('fail');
    const mixed = config({
      CLERK_SECRET_KEY: 'sk_live_abc',
      CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('a.example$').toString('base64')}`,
    });
    expect(find(mixed, 'CLERK_SECRET_KEY')).toMatchObject({
      status: 'fail',
      detail: 'one key is test and the other live',
    });

    const env = environment();
    const form = () =>
      new URLSearchParams({ url: `${env.PUBLIC_URL}/api/stripe/webhooks`, 'enabled_events[0]': 'charge.refunded' });
    for (let i = 0; i < 2; i += 1) {
      await fetch(`${sandboxUrl}/v1/webhook_endpoints`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_sandbox' },
        body: form(),
      });
    }
    expect(find(await runDoctor(env), 'Stripe webhook endpoint')).toMatchObject({
      status: 'fail',
      detail: '2 endpoints: every event would arrive twice',
    });
  });
});
