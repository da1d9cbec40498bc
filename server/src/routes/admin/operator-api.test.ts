import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUserId, startHarness, stripeEvent } from '../../../../test/support/booking-harness.js';
import { mintSessionToken } from '../../../../test/support/clerk.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;
let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

/** A Clerk session on the backend's own page (the console's sign-in). */
const consoleSession = (sub: string) => mintSessionToken(h.clerk, { sub, azp: h.appUrl });

async function signIn(sub = adminUserId) {
  const res = await fetch(`${h.appUrl}/api/admin/session`, {
    method: 'POST',
    headers: { authorization: `Bearer ${consoleSession(sub)}`, 'content-type': 'application/json', origin: h.appUrl },
    body: '{}',
  });
  return {
    status: res.status,
    body: (await res.json()) as { token: string; userId: string; error?: { code: string } },
  };
}

describe('console sign-in: POST /api/admin/session', () => {
  it('gives a user in ADMIN_USER_IDS a console token that the operator API accepts', async () => {
    const { status, body } = await signIn();
    expect(status).toBe(200);
    expect(body.userId).toBe(adminUserId);
    const me = await h.admin('/session', { bearer: body.token });
    expect(me.body).toEqual({ actor: adminUserId, development: false });
    expect((await h.admin('/bookings', { bearer: body.token })).status).toBe(200);
  });

  it('answers 403 forbidden to a signed-in user who is not an admin, and gives no token', async () => {
    const { status, body } = await signIn('user_student');
    expect(status).toBe(403);
    expect(body.error?.code).toBe('forbidden');
    expect(body.token).toBeUndefined();
  });

  it('answers 401 without a session, and to development sign-in when it is off', async () => {
    const res = await fetch(`${h.appUrl}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ devName: 'admin' }),
    });
    expect(res.status).toBe(401);
  });

  it('refuses a sign-in from another origin', async () => {
    const res = await fetch(`${h.appUrl}/api/admin/session`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${consoleSession(adminUserId)}`,
        'content-type': 'application/json',
        origin: 'https://evil.example',
      },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });
});

describe('operator API auth', () => {
  it.each([
    ['no credentials', undefined],
    ['a wrong key', 'x'.repeat(40)],
    ["a student's Clerk session", 'student'],
    ["a student's widget token", 'widget'],
  ])('answers 401 with %s, and no data', async (_, kind) => {
    let bearer = kind;
    if (kind === 'student') bearer = h.student().token;
    if (kind === 'widget') bearer = (await h.auth.tokens.issue(adminUserId, h.appUrl)).token;
    const res = await fetch(`${h.appUrl}/api/admin/bookings`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { bookings?: unknown }).bookings).toBeUndefined();
  });

  it('answers 403 to a console token of a user no longer listed', async () => {
    const { token } = await h.auth.adminTokens.issue('user_removed', false);
    expect((await h.admin('/bookings', { bearer: token })).status).toBe(403);
  });
});

describe('GET /api/admin/bookings', () => {
  const ids: string[] = [];
  const payers = { a: '', b: '' };
  beforeAll(async () => {
    // Four bookings, oldest first: two paid (one in JPY), one pending, one with a receipt address.
    const first = h.student();
    payers.a = first.userId;
    ids.push((await h.paidBooking(first.token)).id);
    const second = h.student();
    payers.b = second.userId;
    ids.push((await h.paidBooking(second.token, 'tokyo-walk')).id);
    ids.push((await h.book(h.student().token)).id);
    const withEmail = mintSessionToken(h.clerk, {
      sub: 'user_mail',
      azp: 'http://localhost:8788',
      email: 'Ada@Example.com',
    });
    ids.push((await h.book(withEmail)).id);
  });

  it('lists newest first, a page at a time, stable while bookings arrive', async () => {
    const first = await h.admin('/bookings?limit=2');
    expect(first.body.bookings.map((b: { id: string }) => b.id)).toEqual([ids[3], ids[2]]);
    expect(first.body.bookings[0]).toMatchObject({ userId: 'user_mail', email: 'ada@example.com' });
    // A booking made between two pages comes before the first page, not into the next one.
    const late = await h.book(h.student().token);
    const second = await h.admin(`/bookings?limit=2&cursor=${first.body.next}`);
    expect(second.body.bookings.map((b: { id: string }) => b.id)).toEqual([ids[1], ids[0]]);
    const fresh = await h.admin('/bookings?limit=1');
    expect(fresh.body.bookings[0].id).toBe(late.id);
  });

  it('filters by status, course and creation date', async () => {
    const paid = await h.admin('/bookings?status=paid');
    expect(paid.body.bookings.map((b: { id: string }) => b.id).sort()).toEqual([ids[0], ids[1]].sort());
    const tokyo = await h.admin('/bookings?courseId=tokyo-walk');
    expect(tokyo.body.bookings.map((b: { id: string }) => b.id)).toEqual([ids[1]]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await h.admin(`/bookings?from=${today}&to=${today}`)).body.bookings.length).toBeGreaterThanOrEqual(4);
    expect((await h.admin('/bookings?to=2000-01-01')).body.bookings).toEqual([]);
  });

  it('finds a booking by its id, a Checkout Session, the payment intent, the student id or email', async () => {
    const booking = await h.stored(ids[0]!);
    for (const q of [booking.id, booking.stripeSessionId!, booking.stripePaymentIntentId!, payers.a]) {
      const found = await h.admin(`/bookings?q=${encodeURIComponent(q)}`);
      expect(found.body.bookings.map((b: { id: string }) => b.id)).toEqual([booking.id]);
    }
    const byEmail = await h.admin(`/bookings?q=${encodeURIComponent('ADA@example.com')}`);
    expect(byEmail.body.bookings.map((b: { id: string }) => b.id)).toEqual([ids[3]]);
    expect((await h.admin('/bookings?q=nobody')).body.bookings).toEqual([]);
  });

  it('answers 400 naming a bad filter', async () => {
    const res = await h.admin('/bookings?status=lost&from=yesterday&limit=0');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['from', 'limit', 'status']);
    expect((await h.admin('/bookings?cursor=garbage')).body.error.fields).toHaveProperty('cursor');
  });

  it('refuses a range whose To comes before its From, in the list, the totals and the export, naming To', async () => {
    for (const path of ['/bookings', '/bookings/totals', '/bookings?format=csv']) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await h.admin(`${path}${sep}from=2026-03-10&to=2026-03-01`);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual({ to: 'must be on or after From' });
    }
    expect((await h.admin('/bookings?from=2026-03-01&to=2026-03-01')).status).toBe(200);
  });

  it('totals each status and the revenue per currency for the filter', async () => {
    const all = await h.admin('/bookings/totals');
    expect(all.body.byStatus.paid).toBe(2);
    expect(all.body.byStatus.pending).toBeGreaterThanOrEqual(2);
    expect(all.body.revenue).toEqual({ usd: 4900, jpy: 12000 });
    const usd = await h.admin('/bookings/totals?courseId=intro-ts');
    expect(usd.body.revenue).toEqual({ usd: 4900 });
  });

  it('exports everything the filter matches as CSV, streamed', async () => {
    const res = await h.admin('/bookings?status=paid', { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="bookings-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.headers.get('content-length')).toBeNull();
    const [header, ...rows] = res.text.trim().split('\r\n');
    expect(header).toBe(
      'id,createdAt,updatedAt,courseId,courseTitle,paymentStatus,quantity,amount,amountPaid,currency,userId,email,stripeSessionId,stripePaymentIntentId,utm_source,utm_medium,utm_campaign,utm_term,utm_content,ref',
    );
    expect(rows.map((row) => row.split(',')[0]).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await h.admin('/bookings?format=csv&q=user_mail')).text).toContain('ada@example.com');
  });
});

describe('GET /api/admin/bookings/:id', () => {
  it("shows the history with its events, the student, and links into Stripe's test Dashboard", async () => {
    const student = h.student();
    const { id } = await h.paidBooking(student.token);
    const res = await h.admin(`/bookings/${id}`);
    expect(res.status).toBe(200);
    const booking = await h.stored(id);
    expect(res.body).toMatchObject({ id, userId: student.userId, paymentStatus: 'paid', refundRequest: null });
    expect(res.body.history.map((e: { type: string }) => e.type)).toEqual([
      'booking.created',
      'checkout.session.completed',
    ]);
    expect(res.body.stripeLinks.payment).toBe(
      `https://dashboard.stripe.com/test/payments/${booking.stripePaymentIntentId}`,
    );
    const eventId = res.body.history[1].eventId;
    expect(res.body.stripeLinks[eventId]).toBe(`https://dashboard.stripe.com/test/events/${eventId}`);
  });

  it('answers 404 booking_not_found for an unknown id', async () => {
    expect((await h.admin('/bookings/bk_nothing')).body.error.code).toBe('booking_not_found');
  });
});

describe('POST /api/admin/bookings/:id/refund', () => {
  it('refunds through Stripe once, shows the request until the webhook moves the booking, and audits it', async () => {
    const { id } = await h.paidBooking(h.student().token);
    const { status, body } = await h.withWebhooksHeld(async () => {
      const res = await h.admin(`/bookings/${id}/refund`, { method: 'POST' });
      // Until Stripe's webhook arrives, the booking is still paid, with the refund requested.
      expect((await h.admin(`/bookings/${id}`)).body).toMatchObject({
        paymentStatus: 'paid',
        refundRequest: { by: 'api_key', byName: 'API key' },
      });
      return res;
    });
    expect(status).toBe(202);
    expect(body.refund.id).toMatch(/^re_/);
    expect(body.booking.refundRequest.refundId).toBe(body.refund.id);
    await h.waitForStatus(id, 'refunded');
    const audit = await h.admin('/audit?limit=5');
    expect(audit.body.entries[0]).toMatchObject({
      actor: 'api_key',
      actorName: 'API key',
      action: 'booking.refund',
      target: { type: 'booking', id },
    });
  });

  it('refuses a second refund, also when two are asked at once: Stripe refunds once', async () => {
    const { id } = await h.paidBooking(h.student().token);
    const answers = await Promise.all([1, 2, 3].map(() => h.admin(`/bookings/${id}/refund`, { method: 'POST' })));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409]);
    await h.waitForStatus(id, 'refunded');
    const again = await h.admin(`/bookings/${id}/refund`, { method: 'POST' });
    expect(again.body.error.code).toBe('not_refundable');
    const intent = (await h.stored(id)).stripePaymentIntentId;
    const refunds = (await h.sentEvents()).filter(
      (e) => e.type === 'charge.refunded' && e.object.payment_intent === intent,
    );
    expect(refunds).toHaveLength(1);
  });

  it('answers 409 not_refundable for a booking that has not paid', async () => {
    const { id } = await h.book(h.student().token);
    const res = await h.admin(`/bookings/${id}/refund`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_refundable');
    expect((await h.stored(id)).refundRequest).toBeUndefined();
  });
});

describe('GET /api/admin/webhook-events', () => {
  it('lists each event with its outcome; a forged foreign session shows as ignored, with why', async () => {
    const { id } = await h.book(h.student().token);
    const foreign = await h.foreignSession({ client_reference_id: id, 'metadata[bookingId]': id });
    await h.payPage(foreign.id, 'pay');
    await h.webhooksSettled();
    const ignored = await h.admin('/webhook-events?outcome=ignored');
    const entry = ignored.body.events.find((e: { reason: string }) => e.reason === 'foreign_session');
    expect(entry).toMatchObject({ type: 'checkout.session.completed', outcome: 'ignored' });
    const applied = await h.admin('/webhook-events?outcome=applied&type=checkout.session.completed&limit=2');
    expect(applied.body.events).toHaveLength(2);
    expect(applied.body.events.every((e: { outcome: string }) => e.outcome === 'applied')).toBe(true);
    expect(applied.body.next).toEqual(expect.any(String));
  });

  it('keeps a failed event as waiting for a retry, with why, then applied; a redelivery counts as a duplicate', async () => {
    const { id, sessionId } = await h.book(h.student().token);
    await h.withWebhooksHeld(async () => {
      await h.payPage(sessionId, 'pay');
      const sent = (await h.sentEvents()).find(
        (e) => e.type === 'checkout.session.completed' && e.object.id === sessionId,
      )!;
      const event = stripeEvent(sent.type, sent.object, sent.id);
      // Another event of the booking is being applied: this delivery fails, and Stripe must deliver it again.
      await h.stores.locks.acquire(`booking:${id}`, 'test', new Date(), 60_000);
      expect((await h.deliver(event)).status).toBe(503);
      const waiting = await h.admin('/webhook-events?outcome=retry');
      expect(waiting.body.events.find((e: { id: string }) => e.id === sent.id)).toMatchObject({
        outcome: 'retry',
        reason: 'booking_busy',
        failures: 1,
        bookingId: null,
      });
      expect((await h.admin('/status')).body.webhooksWaiting.retry).toBeGreaterThanOrEqual(1);
      await h.stores.locks.release(`booking:${id}`, 'test');
      expect((await h.deliver(event)).status).toBe(200);
      expect((await h.deliver(event)).body.duplicate).toBe(true);
      const log = await h.admin(`/webhook-events?type=checkout.session.completed&limit=500`);
      expect(log.body.events.find((e: { id: string }) => e.id === sent.id)).toMatchObject({
        outcome: 'applied',
        bookingId: id,
        failures: 1,
        duplicates: 1,
      });
    });
  });
});

describe('GET /api/admin/status', () => {
  it('shows the database, Stripe, the last reconciler run and the oldest open booking', async () => {
    const { id } = await h.book(h.student().token);
    await h.reconcileAt(0);
    const res = await h.admin('/status');
    expect(res.status).toBe(200);
    expect(res.body.database.ready).toBe(true);
    expect(res.body.stripe).toMatchObject({ configured: true, mode: 'test', lastError: null });
    expect(Date.parse(res.body.stripe.lastSuccessAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(res.body.reconciler.lastRunAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.body.oldestOpen.paymentStatus).toBe('pending');
    // The oldest open booking is one made before this one.
    expect(Date.parse(res.body.oldestOpen.createdAt)).toBeLessThanOrEqual((await h.stored(id)).createdAt.getTime());
  });
});
