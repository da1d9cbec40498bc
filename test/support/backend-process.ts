import { serve, type ServerType } from '@hono/node-server';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { freePort, waitForPort, waitForReady } from '../../scripts/lib/servers.mjs';
import { createSandbox } from '../../server/sandbox/sandbox-app.js';
import { signPayload } from '../../server/sandbox/webhook-sender.js';
import { createClerkKeys, mintSessionToken } from './clerk.js';
import { siteOrigin, type stripeEvent } from './booking-harness.js';

const entry = resolve(import.meta.dirname, '../../server/src/index.ts');

/**
 * The backend as its own processes (as an operator runs it: killable, several at once), over one
 * database, with the sandbox as Stripe's API. Webhooks are the test's to send: the sandbox sends none.
 */
export async function startBackendFleet(options: {
  mongodbUri: string;
  env?: Record<string, string>;
  /** Sees each request to the sandbox before it is answered (to kill a backend at a chosen call). */
  tap?: (request: Request) => void | Promise<void>;
}) {
  const clerk = createClerkKeys();
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const adminKey = `admin_${randomBytes(16).toString('hex')}`;
  const dbName = `fleet_${randomBytes(4).toString('hex')}`;
  const sandboxPort = await freePort();
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const sandboxApp = createSandbox({ publicUrl: sandboxUrl, webhook: { url: undefined, secret: webhookSecret } });
  const tapped = async (request: Request) => {
    await options.tap?.(request);
    return sandboxApp.fetch(request);
  };
  const sandbox: ServerType = serve({ fetch: tapped, port: sandboxPort, hostname: '127.0.0.1' });
  const processes = new Set<ChildProcess>();

  /** Starts one backend process on `port` (a new one when omitted). */
  async function start(port?: number) {
    const listenOn = port ?? (await freePort());
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      env: {
        ...process.env,
        PORT: String(listenOn),
        MONGODB_URI: options.mongodbUri,
        MONGODB_DB: dbName,
        ALLOWED_ORIGINS: siteOrigin,
        WIDGET_TOKEN_SECRET: 'w'.repeat(32),
        ADMIN_API_KEY: adminKey,
        STRIPE_SECRET_KEY: 'sk_test_sandbox',
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_API_URL: sandboxUrl,
        CLERK_JWT_KEY: clerk.jwtKey,
        LOG_LEVEL: 'error',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    processes.add(child);
    child.once('exit', () => processes.delete(child));
    await waitForPort(listenOn, child);
    const url = `http://127.0.0.1:${listenOn}`;
    await waitForReady(url, child);
    return { child, port: listenOn, url };
  }

  return {
    start,
    sandboxUrl,
    dbName,
    /** A signed-in student: a Clerk session token for the test site (carrying `email`, when given). */
    student: (sub = `user_${randomBytes(6).toString('hex')}`, email?: string) => ({
      sub,
      headers: {
        authorization: `Bearer ${mintSessionToken(clerk, { sub, azp: siteOrigin, ...(email ? { email } : {}) })}`,
        origin: siteOrigin,
        'content-type': 'application/json',
      },
    }),
    /** Creates or updates a course through one backend's admin API. */
    async putCourse(url: string, id: string, price = 4900) {
      const res = await fetch(`${url}/api/admin/courses/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: id, description: '', price, currency: 'usd' }),
      });
      if (res.status >= 300) throw new Error(`PUT course: ${res.status} ${await res.text()}`);
    },
    /** Calls one backend's operator API with the admin key; answers the status and the JSON body. */
    async admin(url: string, path: string, init: { method?: string; body?: unknown } = {}) {
      const res = await fetch(`${url}/api/admin${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    /** Posts an event to one backend, signed as Stripe would; answers the status, or 0 when no answer came. */
    async deliver(url: string, event: ReturnType<typeof stripeEvent>) {
      const payload = JSON.stringify(event);
      try {
        const res = await fetch(`${url}/api/stripe/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, webhookSecret) },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await res.json()) as { duplicate?: boolean };
        return { status: res.status, duplicate: body.duplicate === true };
      } catch {
        return { status: 0, duplicate: false };
      }
    },
    async stop() {
      for (const child of processes) child.kill('SIGKILL');
      await new Promise((done) => sandbox.close(done));
    },
  };
}
