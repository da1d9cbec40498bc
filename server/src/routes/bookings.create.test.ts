import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits, maxBodyBytes } from '../app.js';
import { mintSessionToken } from '../../../test/support/clerk.js';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

/** Counting tests use day-long windows: a window that ends mid-test would reset the count. */
const day = 24 * 3600_000;
let h: Harness;
beforeAll(
  async () =>
    (h = await startHarness({
      limits: {
        bookings: {
          ...defaultLimits.bookings,
          create: { perStudent: { max: 5, windowMs: day }, perAddress: { max: 1000, windowMs: day } },
        },
      },
    })),
);
afterAll(() => h.close());

const create = (token: string | undefined, body: unknown, origin?: string | null) =>
  h.api('/api/bookings/create', { token, body, origin });

async function sandboxSession(id: string) {
  return (
    await fetch(`${h.sandboxUrl}/v1/checkout/sessions/${id}`, { headers: { authorization: 'Bearer sk_test_sandbox' } })
  ).json();
}

describe('POST /api/bookings/create', () => {
  it('creates a pending booking and a Checkout Session priced from the database (201)', async () => {
    const { userId, token } = h.student();
    const res = await create(token, { courseId: 'intro-ts', returnUrl, price: 1 });
    expect(res.status).toBe(400); // unknown keys such as a client-sent price are refused
    const ok = await create(token, { courseId: 'intro-ts', returnUrl });
    expect(ok.status).toBe(201);
    expect(ok.body.booking).toMatchObject({
      courseId: 'intro-ts',
      course: { id: 'intro-ts', title: 'Intro to TypeScript' },
      paymentStatus: 'pending',
      amount: 4900,
      currency: 'usd',
    });
    expect(ok.body.booking.userId).toBeUndefined();
    expect(ok.body.checkout.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/cs_test_/);
    const session = await sandboxSession(ok.body.booking.stripeSessionId);
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: 4900,
      currency: 'usd',
      client_reference_id: ok.body.booking.id,
      metadata: { bookingId: ok.body.booking.id },
    });
    const success = new URL(session.success_url);
    expect(success.searchParams.get('cb_booking')).toBe(ok.body.booking.id);
    expect(success.searchParams.get('cb_result')).toBe('success');
    expect(new URL(session.cancel_url).searchParams.get('cb_result')).toBe('cancel');
    expect(session.expires_at - Math.floor(Date.now() / 1000)).toBeGreaterThan(29 * 60);
    expect(session.expires_at - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(30 * 60);
    expect((await h.stored(ok.body.booking.id)).userId).toBe(userId);
  });

  it('creates an embedded session and answers its client secret', async () => {
    const { token } = h.student();
    const res = await create(token, { courseId: 'tokyo-walk', returnUrl, mode: 'embedded' });
    expect(res.status).toBe(201);
    expect(res.body.checkout.clientSecret).toMatch(/^cs_test_.+_secret_/);
    expect(res.body.checkout.publishableKey).toBe('pk_test_sandbox');
    expect(res.body.checkout.frameUrl).toMatch(/\/embedded\/cs_test_/);
    expect(res.body.checkout.url).toBeUndefined();
    const session = await sandboxSession(res.body.booking.stripeSessionId);
    expect(session).toMatchObject({ ui_mode: 'embedded_page', amount_total: 12000, currency: 'jpy' });
    // A card payment completes in the dialog: the frame tells the widget instead of moving the page.
    const paid = await fetch(`${h.sandboxUrl}/pay/${res.body.booking.stripeSessionId}/pay?embedded=1`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain("parent.postMessage({ type: 'cb-checkout-complete' }, '*')");
    await h.waitForStatus(res.body.booking.id, 'paid');
  });

  it('replaces an open redirect session when the student switches to embedded', async () => {
    const { token } = h.student();
    const first = await create(token, { courseId: 'intro-ts', returnUrl });
    const second = await create(token, { courseId: 'intro-ts', returnUrl, mode: 'embedded' });
    expect(second.status).toBe(201);
    expect(second.body.booking.id).toBe(first.body.booking.id);
    expect((await sandboxSession(first.body.booking.stripeSessionId)).status).toBe('expired');
  });

  it('makes one booking and one session of two concurrent clicks', async () => {
    const { userId, token } = h.student();
    const [a, b] = await Promise.all([
      create(token, { courseId: 'intro-ts', returnUrl }),
      create(token, { courseId: 'intro-ts', returnUrl }),
    ]);
    expect([a.status, b.status].sort()).toEqual(expect.arrayContaining([201]));
    expect(a.body.booking.id).toBe(b.body.booking.id);
    expect(a.body.booking.stripeSessionId).toBe(b.body.booking.stripeSessionId);
    expect((await h.stores.bookings.listForUser(userId, { limit: 10 })).items).toHaveLength(1);
  });

  it('returns 400 return_url_not_allowed for a return URL on a foreign origin', async () => {
    const { token } = h.student();
    for (const url of ['https://evil.example/steal', 'javascript:alert(1)', 'http://user:pw@localhost:8788/']) {
      const res = await create(token, { courseId: 'intro-ts', returnUrl: url });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('return_url_not_allowed');
    }
  });

  it('returns 404 course_not_found for an unknown course', async () => {
    const { token } = h.student();
    const res = await create(token, { courseId: 'no-such-course', returnUrl });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('course_not_found');
  });

  it.each([
    ['no token', undefined],
    ['an expired token', 'expired'],
    ['a token for another site', 'wrong-azp'],
    ['garbage', 'not.a.token'],
  ])('returns 401 unauthenticated with %s', async (_name, kind) => {
    const token =
      kind === 'expired'
        ? mintSessionToken(h.clerk, { azp: 'http://localhost:8788', exp: Math.floor(Date.now() / 1000) - 60 })
        : kind === 'wrong-azp'
          ? mintSessionToken(h.clerk, { azp: 'https://evil.example' })
          : kind;
    const res = await create(token, { courseId: 'intro-ts', returnUrl });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it.each([
    ['malformed JSON', '{"courseId": '],
    ['a wrong type', { courseId: 42, returnUrl }],
    ['an operator object', { courseId: { $ne: null }, returnUrl }],
    ['a $-prefixed key', { courseId: 'intro-ts', returnUrl, $where: '1' }],
    ['an unknown mode', { courseId: 'intro-ts', returnUrl, mode: 'popup' }],
    ['a missing field', { courseId: 'intro-ts' }],
    ['an array', [{ courseId: 'intro-ts', returnUrl }]],
  ])('answers %s with a clear 400', async (_name, body) => {
    const { token } = h.student();
    const res = await create(token, body);
    expect(res.status).toBe(400);
    expect(['invalid_request', 'invalid_json']).toContain(res.body.error.code);
  });

  it('answers an oversized body with 413', async () => {
    const { token } = h.student();
    const res = await create(token, { courseId: 'intro-ts', returnUrl: `${returnUrl}&x=${'a'.repeat(maxBodyBytes)}` });
    expect(res.status).toBe(413);
  });

  it('refuses a request from a page on a foreign origin with 403, and answers CORS only for allowed origins', async () => {
    const { token } = h.student();
    const res = await create(token, { courseId: 'intro-ts', returnUrl }, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('origin_not_allowed');
    const preflight = await fetch(`${h.appUrl}/api/bookings/create`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:8788',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:8788');
    const foreign = await fetch(`${h.appUrl}/api/bookings/create`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 429 with Retry-After past the per-student limit', async () => {
    const { token } = h.student();
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await create(token, { courseId: 'intro-ts', returnUrl }));
    expect(answers.slice(0, 5).every((a) => a.status < 300)).toBe(true);
    expect(answers[5]!.status).toBe(429);
    expect(answers[5]!.body.error.code).toBe('rate_limited');
    expect(Number(answers[5]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('POST /api/bookings/create from one address (as behind a proxy)', () => {
  it('counts requests without a valid token apart: junk gets 429, signed-in students still book', async () => {
    const crowded = await startHarness({
      limits: {
        bookings: {
          ...defaultLimits.bookings,
          create: { perStudent: { max: 100, windowMs: day }, perAddress: { max: 3, windowMs: day } },
        },
      },
    });
    try {
      const junk = [];
      for (let i = 0; i < 4; i += 1) {
        junk.push(
          (await crowded.api('/api/bookings/create', { token: 'junk', body: { courseId: 'intro-ts', returnUrl } }))
            .status,
        );
      }
      expect(junk).toEqual([401, 401, 401, 429]);
      const students = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await crowded.api('/api/bookings/create', {
          token: crowded.student().token,
          body: { courseId: 'intro-ts', returnUrl },
        });
        students.push(res.status);
      }
      expect(students).toEqual([201, 201, 201, 201]);
    } finally {
      await crowded.close();
    }
  });
});

describe('POST /api/bookings/create when Stripe fails', () => {
  const fault = (kind: 'down' | 'lose-response' | null) => h.operator('/faults', { fault: kind });
  const sessionsOf = async (bookingId: string) =>
    ((await (await fetch(`${h.sandboxUrl}/sandbox/sessions?bookingId=${bookingId}`)).json()) as { sessions: unknown[] })
      .sessions;

  it('answers 503 payments_unavailable and keeps one pending booking; a retry creates one session', async () => {
    const { userId, token } = h.student();
    await fault('down');
    const failed = await create(token, { courseId: 'intro-ts', returnUrl }).finally(() => fault(null));
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('payments_unavailable');
    const [kept] = (await h.stores.bookings.listForUser(userId, { limit: 10 })).items;
    expect(kept).toMatchObject({ paymentStatus: 'pending', stripeSessionId: null, attempt: 1 });
    const retry = await create(token, { courseId: 'intro-ts', returnUrl });
    expect(retry.status).toBe(201);
    expect(await sessionsOf(kept!.id)).toHaveLength(1);
  });

  it('reuses the session Stripe made when its answer was lost, so nothing is charged twice', async () => {
    const { userId, token } = h.student();
    await fault('lose-response');
    const failed = await create(token, { courseId: 'intro-ts', returnUrl }).finally(() => fault(null));
    expect(failed.status).toBe(503);
    const [kept] = (await h.stores.bookings.listForUser(userId, { limit: 10 })).items;
    const made = await sessionsOf(kept!.id);
    expect(made).toHaveLength(1);
    const retry = await create(token, { courseId: 'intro-ts', returnUrl });
    expect(retry.status).toBe(201);
    expect(retry.body.booking.stripeSessionId).toBe((made[0] as { id: string }).id);
    expect(await sessionsOf(kept!.id)).toHaveLength(1);
  });
});
