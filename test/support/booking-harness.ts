import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { AppDeps } from '../../server/src/app.js';
import { assemble } from '../../server/src/compose.js';
import { createAuth } from '../../server/src/auth/index.js';
import { createReconciler } from '../../server/src/bookings/reconciler.js';
import { catalogOver } from '../../server/src/courses/catalog.js';
import { createLogger } from '../../server/src/logger.js';
import { createSandbox } from '../../server/sandbox/sandbox-app.js';
import { signPayload } from '../../server/sandbox/webhook-sender.js';
import { connectDatabase, createStores, migrateDatabase } from '../../server/src/store/index.js';
import type { DatabaseTimeouts } from '../../server/src/store/database.js';
import type { SessionInput } from '../../server/src/courses/session-schema.js';
import { createPayments } from '../../server/src/stripe/index.js';
import { createMailer } from '../../server/src/outbox/mailer.js';
import type { Load } from '../../server/src/http/admission.js';
import { createMessenger } from '../../server/src/outbox/messenger.js';
import { freePort } from '../../scripts/lib/servers.mjs';
import { createClerkKeys, mintSessionToken } from './clerk.js';
import { poll } from './poll.js';

/** The host page's origin in these tests: the only origin allowed to embed and book. */
export const siteOrigin = 'http://localhost:8788';
export const returnUrl = `${siteOrigin}/courses?page=1`;

/** The Clerk user the harness lists in `ADMIN_USER_IDS`. */
export const adminUserId = 'user_operator';
/** The harness's `ADMIN_API_KEY`. */
export const harnessAdminKey = 'a'.repeat(32);

/** Options of a harness. */
export interface HarnessOptions {
  /** Override the server's clock (the reconciler's "now"). */
  now?: () => Date;
  limits?: AppDeps['limits'];
  /** `TRUST_PROXY`: which proxies to believe about the client's address. */
  trustProxy?: AppDeps['config']['trustProxy'];
  /** Sites allowed to embed and book, besides `siteOrigin`. */
  otherOrigins?: string[];
  /** Another database server than the shared test FerretDB, and how long to wait for it. */
  database?: { uri: string; timeouts: DatabaseTimeouts };
  /** The Stripe secret key the backend uses (the sandbox accepts `sk_test_…` only). */
  stripeKey?: string;
  /** Collects the backend's log lines (JSON) here instead of dropping them. */
  logLines?: string[];
  /** Stripe's publishable key; `null`: none, so embedded checkout is unavailable. */
  publishableKey?: string | null;
  /** `false`: the app has no Stripe at all. */
  payments?: boolean;
  /** Where mail goes (the test mail catcher's SMTP, or another); without it mail is off. */
  smtpUrl?: string;
  /** Where a line about each new paid booking goes. */
  operatorEmail?: string;
  /** Production mode: webhook endpoints at internal addresses are refused. */
  production?: boolean;
  /** `THEME_COLOR`: the hosted course page's accent. */
  themeColor?: string;
}

/**
 * The backend on a real port, over its own FerretDB database, talking through the stripe SDK to
 * the sandbox checkout on another real port, which delivers signed webhooks back to it.
 */
export async function startHarness(options: HarnessOptions = {}) {
  // The backend's clock: the caller's, or the real one, which reconcileAt moves ahead for a moment.
  let aheadMs = 0;
  const now = options.now ?? (() => new Date(Date.now() + aheadMs));
  const uri = options.database?.uri ?? inject('mongodbUri');
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  await migrateDatabase(uri, dbName);
  const database = await connectDatabase(uri, dbName, options.database?.timeouts);
  const stores = createStores(database.db);
  const catalog = catalogOver(stores, { cacheMs: 0 });
  const clerk = createClerkKeys();
  const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
  const [appPort, sandboxPort] = [await freePort(), await freePort()];
  const appUrl = `http://127.0.0.1:${appPort}`;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;

  const sandbox = createSandbox({
    publicUrl: sandboxUrl,
    webhook: { url: `${appUrl}/api/stripe/webhooks`, secret: webhookSecret, retryDelaysMs: [100, 200, 400, 800] },
  });
  const payments = createPayments({
    secretKey: options.stripeKey ?? 'sk_test_sandbox',
    webhookSecret,
    apiUrl: sandboxUrl,
  });
  const widgetTokenSecret = randomBytes(32).toString('hex');
  const allowedOrigins = [siteOrigin, ...(options.otherOrigins ?? [])];
  const auth = createAuth({
    publicUrl: appUrl,
    allowedOrigins,
    widgetTokenSecret,
    clerk: { jwtKey: clerk.jwtKey },
  });
  const { app, service } = assemble({
    config: {
      adminApiKey: harnessAdminKey,
      allowedOrigins,
      publicUrl: appUrl,
      widgetTokenSecret,
      stripe: {
        publishableKey: options.publishableKey === null ? undefined : (options.publishableKey ?? 'pk_test_sandbox'),
      },
      trustProxy: options.trustProxy,
      adminUserIds: [adminUserId],
      production: options.production ?? false,
      themeColor: options.themeColor,
    },
    stores,
    catalog,
    logger: options.logLines
      ? createLogger('debug', {}, (line) => options.logLines!.push(line))
      : createLogger('silent'),
    ping: database.ping,
    loadAsset: async () => undefined,
    auth,
    payments: options.payments === false ? undefined : payments,
    now,
    limits: options.limits,
  });
  const servers: ServerType[] = [
    serve({ fetch: sandbox.fetch, port: sandboxPort, hostname: '127.0.0.1' }),
    serve({ fetch: app.fetch, port: appPort, hostname: '127.0.0.1' }),
  ];
  await catalog.put('intro-ts', {
    title: 'Intro to TypeScript',
    description: '',
    price: 4900,
    currency: 'usd',
    active: true,
  });
  await catalog.put('tokyo-walk', {
    title: 'Tokyo walk',
    description: '',
    price: 12000,
    currency: 'jpy',
    active: true,
  });

  /** A signed-in student; with `email`, their session token carries it (the address their mail goes to). */
  const student = (userId = `user_${randomBytes(6).toString('hex')}`, email?: string) => ({
    userId,
    email,
    token: mintSessionToken(clerk, { sub: userId, azp: siteOrigin, ...(email ? { email } : {}) }),
  });

  /**
   * Creates or replaces a dated session of a course in Berlin time, 7 hours long unless `endsAt`
   * says otherwise, no seat limit unless `capacity` says one.
   */
  async function putSession(
    courseId: string,
    sessionId: string,
    fields: Partial<SessionInput> & { startsAt: string },
  ): Promise<void> {
    const endsAt = new Date(Date.parse(fields.startsAt) + 7 * 3_600_000).toISOString();
    const input = { endsAt, timeZone: 'Europe/Berlin', capacity: null, ...fields } as SessionInput;
    await stores.sessions.upsert(courseId, sessionId, input, new Date());
    catalog.forget(courseId);
  }

  /** Calls the backend over its socket, as the widget on the host page would. */
  async function api(
    path: string,
    init: { token?: string; method?: string; body?: unknown; origin?: string | null } = {},
  ) {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.origin !== null) headers.origin = init.origin ?? siteOrigin;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${appUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  /** Calls the operator API as a script does, with the admin API key (or another bearer). */
  async function admin(path: string, init: { method?: string; body?: unknown; bearer?: string; accept?: string } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${init.bearer ?? harnessAdminKey}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.accept) headers.accept = init.accept;
    const res = await fetch(`${appUrl}/api/admin${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.startsWith('application/json');
    return { status: res.status, headers: res.headers, body: json && text ? JSON.parse(text) : null, text };
  }

  /** Books and pays a course up to the Checkout Session; returns the booking id and session. */
  async function book(token: string, courseId = 'intro-ts', mode: 'redirect' | 'embedded' = 'redirect') {
    const res = await api('/api/bookings/create', { token, body: { courseId, returnUrl, mode } });
    if (res.status !== 201 && res.status !== 200) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.booking.id as string, sessionId: res.body.booking.stripeSessionId as string, res };
  }

  /** Books and pays a course, and waits until the webhook has made the booking paid. */
  async function paidBooking(token: string, courseId = 'intro-ts') {
    const booked = await book(token, courseId);
    await payPage(booked.sessionId, 'pay');
    await waitForStatus(booked.id, 'paid');
    return booked;
  }

  /** Presses a button on the sandbox pay page; answers where the student is sent next. */
  async function payPage(
    sessionId: string,
    action: 'pay' | 'decline' | 'delayed' | 'cancel' | 'apply',
    form: Record<string, string> = {},
  ) {
    const res = await fetch(`${sandboxUrl}/pay/${sessionId}/${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  /** Calls the sandbox operator API (refunds, disputes, settlements, webhook delivery). */
  async function operator(path: string, body: unknown = {}) {
    const res = await fetch(`${sandboxUrl}/sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** Calls the sandbox's Stripe API as the backend does (`GET` without a body, else a form `POST`). */
  async function stripeApi<T = Record<string, unknown>>(path: string, form?: Record<string, string>) {
    const res = await fetch(`${sandboxUrl}/v1${path}`, {
      method: form ? 'POST' : 'GET',
      headers: { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/x-www-form-urlencoded' },
      body: form ? new URLSearchParams(form) : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Every event the sandbox sent, in order. */
  async function sentEvents() {
    const res = await fetch(`${sandboxUrl}/sandbox/events`);
    type Sent = { id: string; type: string; delivered: boolean; object: Record<string, unknown> };
    return ((await res.json()) as { events: Sent[] }).events;
  }

  /** The stored booking. */
  const stored = async (id: string) => (await stores.bookings.findById(id))!;

  /** Waits until the stored booking reaches a status (webhooks arrive in the background). */
  function waitForStatus(id: string, status: string, timeoutMs = 8_000) {
    return poll(
      async () => {
        const booking = await stored(id);
        return booking.paymentStatus === status ? booking : undefined;
      },
      `booking ${id} to become ${status}`,
      { timeoutMs },
    );
  }

  /** Waits until the sandbox has delivered every event it sent. */
  function webhooksSettled(timeoutMs = 8_000) {
    return poll(
      async () => {
        const { events } = (await (await fetch(`${sandboxUrl}/sandbox/events`)).json()) as {
          events: Array<{ id: string; type: string; delivered: boolean; object: { id: string } }>;
        };
        return events.every((e) => e.delivered) ? events : undefined;
      },
      'the sandbox to deliver every webhook',
      { timeoutMs },
    );
  }

  /** Posts a webhook body to the backend, signed with the endpoint's secret unless a signature is given. */
  async function deliver(event: unknown, signature?: string) {
    const payload = typeof event === 'string' ? event : JSON.stringify(event);
    const res = await fetch(`${appUrl}/api/stripe/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signature ?? signPayload(payload, webhookSecret),
      },
      body: payload,
    });
    return { status: res.status, body: await res.json() };
  }

  /** A reconciler over this backend, on the harness's clock: each is its own instance (its own lease owner). */
  const reconciler = (settings: { keepEventsMs?: number; batch?: number } = {}) =>
    createReconciler({
      ...stores,
      gateway: payments.gateway,
      service,
      logger: createLogger('silent'),
      intervalMs: 60_000,
      now,
      ...settings,
    });

  /**
   * A messenger over this backend (the outbox's sender), on the harness's clock unless given one:
   * each is its own instance (its own lease owner). Retries wait 200 ms, doubling.
   */
  const messenger = (settings: { now?: () => Date; smtpUrl?: string; load?: Load } = {}) => {
    const smtpUrl = settings.smtpUrl ?? options.smtpUrl;
    return createMessenger({
      stores,
      mailer: smtpUrl ? createMailer({ smtpUrl, from: 'Pottery Studio <hello@pottery.test>' }) : null,
      operatorName: 'Pottery Studio',
      operatorEmail: options.operatorEmail,
      stripeMode: 'test',
      publicOnly: options.production ?? false,
      retryBaseMs: 200,
      intervalMs: 100,
      reminderEveryMs: 0,
      logger: createLogger('silent'),
      now: settings.now ?? now,
      webhookTimeoutMs: 2_000,
      load: settings.load,
    });
  };

  /** Runs a reconciler with the clock `ms` ahead, then puts the clock back and gives the lease up. */
  async function reconcileAt(ms: number, instance = reconciler()) {
    aheadMs = ms;
    try {
      return await instance.runOnce();
    } finally {
      aheadMs = 0;
      await instance.release();
    }
  }

  /** Runs `work` with the sandbox's webhooks held (Stripe cannot reach us), then lets them through. */
  async function withWebhooksHeld<T>(work: () => Promise<T>, { thenDeliver = true } = {}): Promise<T> {
    await operator('/webhooks', { enabled: false });
    try {
      return await work();
    } finally {
      await operator('/webhooks', { enabled: true });
      if (thenDeliver) await webhooksSettled();
    }
  }

  /** The operator's webhook log entry of an event. */
  const eventLog = (eventId: string) =>
    database.db.collection<{ _id: string }>('stripe_events').findOne({ _id: eventId });

  /** Creates a Checkout Session on the sandbox the way another integration on the same account would. */
  const foreignSession = (params: Record<string, string>) => createForeignSession(sandboxUrl, params);

  return {
    app,
    auth,
    payments,
    deliver,
    eventLog,
    foreignSession,
    reconciler,
    reconcileAt,
    messenger,
    withWebhooksHeld,
    appUrl,
    sandboxUrl,
    stores,
    putSession,
    /** The test's own database, for what only the operator sees (indexes, raw documents). */
    db: database.db,
    catalog,
    clerk,
    webhookSecret,
    student,
    api,
    admin,
    book,
    paidBooking,
    payPage,
    operator,
    stripeApi,
    sentEvents,
    stored,
    waitForStatus,
    webhooksSettled,
    async close() {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      await database.db.dropDatabase().catch(() => undefined);
      await database.close();
    },
  };
}

/**
 * Creates a 1-cent Checkout Session on a sandbox the way another integration on the same Stripe
 * account would; `params` can make it name one of our bookings.
 */
export async function createForeignSession(sandboxUrl: string, params: Record<string, string>) {
  const res = await fetch(`${sandboxUrl}/v1/checkout/sessions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '1',
      'line_items[0][price_data][product_data][name]': 'Tip jar',
      success_url: 'https://elsewhere.example/thanks',
      cancel_url: 'https://elsewhere.example/',
      ...params,
    }),
  });
  if (!res.ok) throw new Error(`sandbox session: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** A Stripe-shaped event around an object, with a fresh id unless given. */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  id = `evt_test_${randomBytes(10).toString('hex')}`,
) {
  return {
    id,
    object: 'event',
    type,
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  };
}

/** A Checkout Session object as Stripe sends it in events. */
export function sessionObject(fields: {
  id: string;
  bookingId: string | null;
  status?: string;
  payment_status?: string;
  payment_intent?: string | null;
  amount_subtotal?: number;
  currency?: string;
}) {
  return {
    object: 'checkout.session',
    status: 'complete',
    payment_status: 'paid',
    payment_intent: null,
    // The harness's intro-ts course.
    amount_subtotal: 4900,
    amount_total: 4900,
    currency: 'usd',
    mode: 'payment',
    client_reference_id: fields.bookingId,
    metadata: fields.bookingId ? { bookingId: fields.bookingId } : {},
    ...fields,
  };
}

/** A running harness. */
export type Harness = Awaited<ReturnType<typeof startHarness>>;
