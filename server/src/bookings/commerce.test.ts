import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  returnUrl,
  startHarness,
  stripeEvent,
  sessionObject,
  type Harness,
} from '../../../test/support/booking-harness.js';
import { mintSessionToken } from '../../../test/support/clerk.js';
import type { SandboxSession } from '../../sandbox/sessions.js';

// The design's commerce rules, over real sockets: the backend, FerretDB and the sandbox checkout.
let h: Harness;
const logLines: string[] = [];
beforeAll(async () => (h = await startHarness({ logLines })));
afterAll(() => h.close());

const course = (id: string, fields: Record<string, unknown> = {}) =>
  h.catalog.put(id, { title: `Course ${id}`, description: '', price: 4900, currency: 'usd', active: true, ...fields });
const create = (token: string, courseId: string, mode: 'redirect' | 'embedded' = 'redirect') =>
  h.api('/api/bookings/create', { token, body: { courseId, returnUrl, mode } });
const publicCourse = async (id: string) => (await h.api(`/api/courses/${id}`, { origin: null })).body;
const historyTypes = (booking: { history: Array<{ type: string }> }) => booking.history.map((e) => e.type);

describe('seats', () => {
  it('shows the seats left and sold out on the course, and in the list', async () => {
    await course('seats-shown', { capacity: 2 });
    expect(await publicCourse('seats-shown')).toMatchObject({ seatsLeft: 2, soldOut: false });
    await h.paidBooking(h.student().token, 'seats-shown');
    await h.book(h.student().token, 'seats-shown');
    expect(await publicCourse('seats-shown')).toMatchObject({ seatsLeft: 0, soldOut: true });
    const listed = (await h.api('/api/courses', { origin: null })).body.courses.find(
      (c: { id: string }) => c.id === 'seats-shown',
    );
    expect(listed).toMatchObject({ seatsLeft: 0, soldOut: true });
    // A course without a capacity has no seat count, and never sells out.
    expect(await publicCourse('intro-ts')).not.toHaveProperty('seatsLeft');
    expect(await publicCourse('intro-ts')).toMatchObject({ soldOut: false });
  });

  it('gives 50 students racing for the last 3 seats exactly 3 checkouts, and the seats back once those expire', async () => {
    await course('last-seats', { capacity: 4 });
    await h.paidBooking(h.student().token, 'last-seats');
    const answers = await Promise.all(Array.from({ length: 50 }, () => create(h.student().token, 'last-seats')));
    const winners = answers.filter((a) => a.status === 201);
    expect(winners).toHaveLength(3);
    expect(winners.every((a) => typeof a.body.checkout.url === 'string')).toBe(true);
    const losers = answers.filter((a) => a.status !== 201);
    expect(losers).toHaveLength(47);
    expect(losers.every((a) => a.status === 409 && a.body.error.code === 'sold_out')).toBe(true);
    expect(await publicCourse('last-seats')).toMatchObject({ seatsLeft: 0, soldOut: true });

    // Their sessions expire (as Stripe expires them at expires_at, with an event each): the seats come back.
    for (const { body } of winners) {
      await h.stripeApi(`/checkout/sessions/${body.booking.stripeSessionId}/expire`, {});
      await h.waitForStatus(body.booking.id, 'expired');
    }
    expect(await publicCourse('last-seats')).toMatchObject({ seatsLeft: 3, soldOut: false });
    expect((await create(h.student().token, 'last-seats')).status).toBe(201);
  });

  it("reuses the student's own seat for a second attempt", async () => {
    await course('one-seat', { capacity: 1 });
    const { token } = h.student();
    const first = await create(token, 'one-seat');
    expect(first.status).toBe(201);
    // Another mode replaces the session: the same student keeps the seat; nobody else gets it.
    const second = await create(token, 'one-seat', 'embedded');
    expect(second.status).toBe(201);
    expect(second.body.booking.id).toBe(first.body.booking.id);
    expect((await create(h.student().token, 'one-seat')).body.error.code).toBe('sold_out');
    // Expired, the student books again and takes the free seat anew.
    await h.stripeApi(`/checkout/sessions/${second.body.booking.stripeSessionId}/expire`, {});
    await h.waitForStatus(first.body.booking.id, 'expired');
    expect((await create(token, 'one-seat')).status).toBe(201);
  });

  it('keeps the seat of a delayed payment while it is processing, and gives it back when it fails', async () => {
    await course('slow-seat', { capacity: 1 });
    const { id, sessionId } = await h.book(h.student().token, 'slow-seat');
    await h.payPage(sessionId, 'delayed');
    await h.waitForStatus(id, 'processing');
    expect((await create(h.student().token, 'slow-seat')).body.error.code).toBe('sold_out');
    await h.operator(`/sessions/${sessionId}/settle`, { outcome: 'failed' });
    await h.waitForStatus(id, 'failed');
    expect(await publicCourse('slow-seat')).toMatchObject({ seatsLeft: 1 });
  });

  it('refunds money that arrives for a released seat once the course sold out, and says why', async () => {
    await course('late-money', { capacity: 1 });
    const late = await h.book(h.student().token, 'late-money');
    const other = h.student();
    let otherId = '';
    await h.withWebhooksHeld(async () => {
      // The student pays, but Stripe's word of it is late; meanwhile word of an expiry comes first.
      await h.payPage(late.sessionId, 'pay');
      const expired = stripeEvent(
        'checkout.session.expired',
        sessionObject({ id: late.sessionId, bookingId: late.id, status: 'expired', payment_status: 'unpaid' }),
      );
      expect((await h.deliver(expired)).status).toBe(200);
      await h.waitForStatus(late.id, 'expired');
      // The freed seat goes to another student.
      const booked = await h.book(other.token, 'late-money');
      otherId = booked.id;
      await h.payPage(booked.sessionId, 'pay');
    });
    const refunded = await h.waitForStatus(late.id, 'refunded');
    expect(historyTypes(refunded)).toContain('refund.no_seat_left');
    expect(refunded.amountPaid).toBe(4900);
    await h.waitForStatus(otherId, 'paid');
    expect(await publicCourse('late-money')).toMatchObject({ seatsLeft: 0, soldOut: true });
    // The money went back through Stripe's Refunds API, once, and the operator is told.
    await h.webhooksSettled();
    const refunds = (await h.sentEvents()).filter(
      (e) => e.type === 'charge.refunded' && e.object.payment_intent === refunded.stripePaymentIntentId,
    );
    expect(refunds).toHaveLength(1);
    expect(logLines.some((line) => line.includes('payment refunded') && line.includes(late.id))).toBe(true);
    // Delivered again, the payment's event changes nothing and refunds nothing more.
    const completed = (await h.sentEvents()).find(
      (e) => e.type === 'checkout.session.completed' && e.object.id === late.sessionId,
    )!;
    await h.operator(`/events/${completed.id}/resend`);
    await h.webhooksSettled();
    expect(
      (await h.sentEvents()).filter(
        (e) => e.type === 'charge.refunded' && e.object.payment_intent === refunded.stripePaymentIntentId,
      ),
    ).toHaveLength(1);
    expect((await h.stored(late.id)).paymentStatus).toBe('refunded');
  });
});

describe('free courses', () => {
  it('confirms the booking at once, with no Checkout Session, once per student', async () => {
    await course('free-intro', { price: 0 });
    const { token } = h.student();
    const res = await create(token, 'free-intro');
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('checkout');
    expect(res.body.booking).toMatchObject({ paymentStatus: 'paid', amount: 0, amountPaid: 0, stripeSessionId: null });
    expect(historyTypes(await h.stored(res.body.booking.id))).toEqual(['booking.free']);
    const again = await create(token, 'free-intro');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_booked');
    // Embedded mode needs no Stripe key for a free course.
    expect((await create(h.student().token, 'free-intro', 'embedded')).status).toBe(201);
  });

  it('still counts seats', async () => {
    await course('free-seats', { price: 0, capacity: 1 });
    expect((await create(h.student().token, 'free-seats')).status).toBe(201);
    const late = await create(h.student().token, 'free-seats');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('sold_out');
    expect(await publicCourse('free-seats')).toMatchObject({ seatsLeft: 0, soldOut: true });
  });

  it('closes the open session of a course that became free, and confirms the booking', async () => {
    await course('made-free');
    const { token } = h.student();
    const { id, sessionId } = await h.book(token, 'made-free');
    await course('made-free', { price: 0 });
    const res = await create(token, 'made-free');
    expect(res.status).toBe(201);
    expect(res.body.booking).toMatchObject({ id, paymentStatus: 'paid', amount: 0 });
    expect((await h.stripeApi<SandboxSession>(`/checkout/sessions/${sessionId}`)).body.status).toBe('expired');
  });
});

describe('promotion codes', () => {
  it('lets Checkout take a code when the course allows it, and records what was paid beside the list price', async () => {
    await course('promo', { allowPromotionCodes: true });
    const { id, sessionId } = await h.book(h.student().token, 'promo');
    const page = await (await fetch(`${h.sandboxUrl}/pay/${sessionId}`)).text();
    expect(page).toContain('Promotion code');
    expect(page).toContain('SANDBOX10');
    await h.payPage(sessionId, 'pay', { promotion_code: 'SANDBOX10' });
    const paid = await h.waitForStatus(id, 'paid');
    expect(paid).toMatchObject({ amount: 4900, amountPaid: 4410 });
    const seen = await h.api(`/api/bookings/${id}`, { token: h.student(paid.userId).token });
    expect(seen.body).toMatchObject({ amount: 4900, amountPaid: 4410 });
  });

  it('applies a code on the pay page before paying: the field keeps it, and the amount and Pay button show the total after it', async () => {
    await course('promo-apply', { allowPromotionCodes: true });
    const { id, sessionId } = await h.book(h.student().token, 'promo-apply');
    const wrong = await h.payPage(sessionId, 'apply', { promotion_code: 'SANDBOX11' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('This code is not valid.');
    expect(wrong.text).toMatch(/<input id="promotion-code"[^>]*value="SANDBOX11"/);
    const refusedPay = await h.payPage(sessionId, 'pay', { promotion_code: 'SANDBOX11' });
    expect(refusedPay.text).toMatch(/value="SANDBOX11"/);
    const applied = await h.payPage(sessionId, 'apply', { promotion_code: 'sandbox10' });
    expect(applied.status).toBe(200);
    expect(applied.text).toContain('SANDBOX10 applied: 10 % off.');
    expect(applied.text).toMatch(/<s>\$49\.00<\/s>\s*\$44\.10/);
    expect(applied.text).toMatch(/Pay\s+\$44\.10/);
    expect((await h.stored(id)).paymentStatus).toBe('pending');
    await h.payPage(sessionId, 'pay', { promotion_code: 'sandbox10' });
    expect(await h.waitForStatus(id, 'paid')).toMatchObject({ amountPaid: 4410 });
  });

  it('refuses a code on a course that does not take them', async () => {
    const { id, sessionId } = await h.book(h.student().token, 'intro-ts');
    const page = await (await fetch(`${h.sandboxUrl}/pay/${sessionId}`)).text();
    expect(page).not.toContain('Promotion code');
    const res = await h.payPage(sessionId, 'pay', { promotion_code: 'SANDBOX10' });
    expect(res.status).toBe(400);
    expect((await h.stored(id)).paymentStatus).toBe('pending');
  });
});

describe('archived courses', () => {
  it('leave the list and answer 410, while their bookings, the dashboard and refunds keep working', async () => {
    await course('retiring');
    const student = h.student();
    const { id, sessionId } = await h.paidBooking(student.token, 'retiring');
    await course('retiring', { active: false });
    expect((await h.api('/api/courses/retiring', { origin: null })).status).toBe(410);
    const list = (await h.api('/api/courses', { origin: null })).body.courses as Array<{ id: string }>;
    expect(list.map((c) => c.id)).not.toContain('retiring');
    const refused = await create(h.student().token, 'retiring');
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('course_unavailable');
    expect((await h.api(`/api/bookings/${id}`, { token: student.token })).body.paymentStatus).toBe('paid');
    expect((await h.api('/api/bookings/user', { token: student.token })).body.bookings).toHaveLength(1);
    await h.operator(`/sessions/${sessionId}/refund`, {});
    await h.waitForStatus(id, 'refunded');
  });
});

describe('receipts', () => {
  it("gives Checkout the student's email when their session token carries one", async () => {
    const token = mintSessionToken(h.clerk, {
      sub: 'user_with_email',
      azp: 'http://localhost:8788',
      email: 'ada@example.com',
    });
    const { sessionId } = await h.book(token, 'intro-ts');
    expect((await h.stripeApi<SandboxSession>(`/checkout/sessions/${sessionId}`)).body.customer_email).toBe(
      'ada@example.com',
    );
  });

  it('leaves the email to Checkout when the token has none', async () => {
    const { sessionId } = await h.book(h.student().token, 'intro-ts');
    expect((await h.stripeApi<SandboxSession>(`/checkout/sessions/${sessionId}`)).body.customer_email).toBeNull();
  });
});

describe('a seat limit set after a course has sold', () => {
  it('counts the seats its paid bookings and open checkouts already took, and says how many found none', async () => {
    await course('limit-later');
    await h.paidBooking(h.student().token, 'limit-later');
    await h.paidBooking(h.student().token, 'limit-later');
    await h.book(h.student().token, 'limit-later');
    const admin = (id: string, capacity: number) =>
      fetch(`${h.appUrl}/api/admin/courses/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${'a'.repeat(32)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Course ${id}`, price: 4900, currency: 'usd', capacity }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));
    const limited = await admin('limit-later', 4);
    expect(limited.status).toBe(200);
    expect(limited.body).toMatchObject({ capacity: 4, seatsLeft: 1, soldOut: false });
    expect(limited.body).not.toHaveProperty('unseated');
    expect((await create(h.student().token, 'limit-later')).status).toBe(201);
    expect((await create(h.student().token, 'limit-later')).body.error.code).toBe('sold_out');

    // Below what was sold: sold out, and the operator is told how many bookings found no seat.
    await course('limit-below');
    for (let i = 0; i < 3; i += 1) await h.paidBooking(h.student().token, 'limit-below');
    const below = await admin('limit-below', 2);
    expect(below.body).toMatchObject({ capacity: 2, seatsLeft: 0, soldOut: true, unseated: 1 });
  });
});

describe('seats after a crash', () => {
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  it('gives back a seat taken for a booking that was never written (a crash between the two)', async () => {
    await course('crash-orphan', { capacity: 1 });
    const orphan = { courseId: 'crash-orphan', bookingId: 'bk_never_written', attempt: 1, quantity: 1 };
    expect(await h.stores.seats.take(orphan, 1, minutes(30), new Date())).toBe('new');
    expect(await publicCourse('crash-orphan')).toMatchObject({ soldOut: true });
    await h.reconcileAt(20 * 60_000); // its hold has not ended yet: nothing happens
    expect(await publicCourse('crash-orphan')).toMatchObject({ soldOut: true });
    await h.reconcileAt(40 * 60_000);
    expect(await publicCourse('crash-orphan')).toMatchObject({ seatsLeft: 1, soldOut: false });
  });

  it('keeps the seat of a booking that was confirmed before its seat was marked kept', async () => {
    await course('crash-kept', { price: 0, capacity: 1 });
    const { booking } = (await create(h.student().token, 'crash-kept')).body;
    // As if the process died with the seat still only held.
    const holder = { courseId: 'crash-kept', bookingId: booking.id, attempt: 1, quantity: 1 };
    await h.stores.seats.take(holder, 1, minutes(-10), new Date());
    await h.reconcileAt(0);
    expect(await publicCourse('crash-kept')).toMatchObject({ seatsLeft: 0, soldOut: true });
    await h.reconcileAt(60 * 60_000);
    expect(await publicCourse('crash-kept')).toMatchObject({ seatsLeft: 0, soldOut: true });
    expect((await create(h.student().token, 'crash-kept')).body.error.code).toBe('sold_out');
  });

  it('gives back the seat of a checkout that never got its session once the reconciler expires it', async () => {
    await course('crash-no-session', { capacity: 1 });
    const { userId, token } = h.student();
    await h.operator('/faults', { fault: 'down' });
    const failed = await create(token, 'crash-no-session').finally(() => h.operator('/faults', { fault: null }));
    expect(failed.status).toBe(503);
    const { id } = (await h.stores.bookings.findByUserAndCourse(userId, 'crash-no-session'))!;
    expect(await publicCourse('crash-no-session')).toMatchObject({ soldOut: true });
    await h.reconcileAt(31 * 60_000);
    expect((await h.stored(id)).paymentStatus).toBe('expired');
    await h.reconcileAt(40 * 60_000);
    expect(await publicCourse('crash-no-session')).toMatchObject({ seatsLeft: 1 });
  });
});

describe("the student's language at Checkout", () => {
  it.each([
    ['de-AT', 'de', 'Bezahlen 49,00 $', 'Sandbox-Kasse'],
    ['fr', 'fr', 'Payer 49,00 $US', 'Paiement sandbox'],
    ['es-ES', 'es', 'Pagar 49,00 US$', 'Pago de prueba'],
    ['ja', 'ja', '支払う $49.00', 'サンドボックス決済'],
    ['xx', 'auto', 'Pay $49.00', 'Sandbox checkout'],
  ])(
    'passes the page language %s to Checkout (locale %s), whose pay page speaks it',
    async (tag, locale, pay, banner) => {
      const res = await h.api('/api/bookings/create', {
        token: h.student().token,
        body: { courseId: 'intro-ts', returnUrl, locale: tag },
      });
      expect(res.status).toBe(201);
      const sessionId = res.body.booking.stripeSessionId as string;
      expect((await h.stripeApi<SandboxSession>(`/checkout/sessions/${sessionId}`)).body.locale).toBe(locale);
      const page = await (await fetch(`${h.sandboxUrl}/pay/${sessionId}`)).text();
      expect(page.replace(/\s+/g, ' ')).toContain(pay);
      expect(page).toContain(banner);
    },
  );

  it('refuses a locale that is not a language tag', async () => {
    const res = await h.api('/api/bookings/create', {
      token: h.student().token,
      body: { courseId: 'intro-ts', returnUrl, locale: 'de; drop' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('locale');
  });
});
