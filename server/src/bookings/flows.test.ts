import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/booking-harness.js';

// Whole payment flows: the backend talks to the sandbox checkout through the stripe SDK, the
// student acts on the sandbox pay page, and the sandbox delivers signed webhooks back.
let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

const statuses = (booking: { history: Array<{ status: string }> }) => booking.history.map((e) => e.status);

describe('the sandbox pay page', () => {
  it('says plainly that no money moves', async () => {
    const { sessionId } = await h.book(h.student().token);
    const page = await (await fetch(`${h.sandboxUrl}/pay/${sessionId}`)).text();
    expect(page).toContain('No money moves');
    expect(page).toContain('Intro to TypeScript');
    expect(page).toContain('$49.00');
  });
});

describe('a student books and pays', () => {
  it('is paid once the webhook arrives, and Stripe sends the student back with cb_booking and cb_result', async () => {
    const { token } = h.student();
    const { id, sessionId } = await h.book(token);
    expect((await h.stored(id)).paymentStatus).toBe('pending');
    const back = await h.payPage(sessionId, 'pay');
    expect(back.status).toBe(303);
    const location = new URL(back.location!);
    expect(location.origin + location.pathname).toBe('http://localhost:8788/courses');
    expect(location.searchParams.get('cb_booking')).toBe(id);
    expect(location.searchParams.get('cb_result')).toBe('success');
    expect(location.searchParams.get('page')).toBe('1');
    const paid = await h.waitForStatus(id, 'paid');
    expect(paid.stripePaymentIntentId).toMatch(/^pi_/);
    expect(statuses(paid)).toEqual(['pending', 'paid']);
  });

  it('is paid after a declined card and a second try on the same session', async () => {
    const { token } = h.student();
    const { id, sessionId } = await h.book(token);
    const declined = await h.payPage(sessionId, 'decline');
    expect(declined.status).toBe(402);
    await h.webhooksSettled();
    expect((await h.stored(id)).paymentStatus).toBe('pending');
    await h.payPage(sessionId, 'pay');
    expect(statuses(await h.waitForStatus(id, 'paid'))).toEqual(['pending', 'paid']);
  });

  it('stays pending after a cancel, and booking again returns the same open session', async () => {
    const { token } = h.student();
    const first = await h.book(token);
    const back = await h.payPage(first.sessionId, 'cancel');
    expect(new URL(back.location!).searchParams.get('cb_result')).toBe('cancel');
    const again = await h.book(token);
    expect(again.res.status).toBe(200);
    expect(again.sessionId).toBe(first.sessionId);
    expect(again.res.body.checkout.url).toBe(first.res.body.checkout.url);
    expect((await h.stored(first.id)).paymentStatus).toBe('pending');
  });

  it('resumed from another page (the dashboard), starts an attempt that returns there, and closes the first session', async () => {
    const { token } = h.student();
    const first = await h.book(token);
    const dashboard = 'http://localhost:8788/bookings.html';
    const resumed = await h.api('/api/bookings/create', {
      token,
      body: { courseId: 'intro-ts', returnUrl: dashboard, mode: 'redirect' },
    });
    expect(resumed.status).toBe(201);
    const sessionId = resumed.body.booking.stripeSessionId as string;
    expect(sessionId).not.toBe(first.sessionId);
    const back = await h.payPage(sessionId, 'pay');
    const location = new URL(back.location!);
    expect(location.origin + location.pathname).toBe(dashboard);
    expect(location.searchParams.get('cb_booking')).toBe(first.id);
    expect(statuses(await h.waitForStatus(first.id, 'paid'))).toEqual(['pending', 'pending', 'paid']);
    // The first session can no longer take money.
    expect((await h.payPage(first.sessionId, 'pay')).status).toBeGreaterThanOrEqual(400);
  });

  /** Books and pays with a delayed method, up to `processing`. */
  async function delayedPayment(token: string) {
    const booked = await h.book(token);
    await h.payPage(booked.sessionId, 'delayed');
    await h.waitForStatus(booked.id, 'processing');
    return booked;
  }

  it('goes processing, then paid, with a delayed payment method that succeeds', async () => {
    const { id, sessionId } = await delayedPayment(h.student().token);
    await h.operator(`/sessions/${sessionId}/settle`, { outcome: 'succeeded' });
    expect(statuses(await h.waitForStatus(id, 'paid'))).toEqual(['pending', 'processing', 'paid']);
  });

  it('goes processing, then failed, with a delayed payment method that fails; booking again starts a new session', async () => {
    const { token } = h.student();
    const { id, sessionId } = await delayedPayment(token);
    await h.operator(`/sessions/${sessionId}/settle`, { outcome: 'failed' });
    await h.waitForStatus(id, 'failed');
    const retry = await h.book(token);
    expect(retry.res.status).toBe(201);
    expect(retry.id).toBe(id);
    expect(retry.sessionId).not.toBe(sessionId);
    expect((await h.stored(id)).attempt).toBe(2);
  });

  it('is refunded after a full refund, and stays paid after a partial one', async () => {
    const { token } = h.student();
    const { id, sessionId } = await h.paidBooking(token);
    await h.operator(`/sessions/${sessionId}/refund`, { amount: 1000 });
    await h.webhooksSettled();
    expect((await h.stored(id)).paymentStatus).toBe('paid');
    await h.operator(`/sessions/${sessionId}/refund`, {});
    // The partial refund is a step of its own (the booking stays paid), with what it sent back.
    const refunded = await h.waitForStatus(id, 'refunded');
    expect(statuses(refunded)).toEqual(['pending', 'paid', 'paid', 'refunded']);
    expect(refunded.history.map((entry) => entry.amount)).toEqual([undefined, undefined, 1000, 3900]);
    expect(refunded.amountRefunded).toBe(4900);
  });

  it.each([
    ['won', 'back to paid', 'paid'],
    ['lost', 'refunded', 'refunded'],
  ] as const)('goes disputed, then %s: %s', async (outcome, _, final) => {
    const { id, sessionId } = await h.paidBooking(h.student().token);
    await h.operator(`/sessions/${sessionId}/dispute`);
    await h.waitForStatus(id, 'disputed');
    await h.operator(`/sessions/${sessionId}/dispute/close`, { outcome });
    expect(statuses(await h.waitForStatus(id, final))).toEqual(['pending', 'paid', 'disputed', final]);
  });

  it('is paid by sync when the webhook never arrives', async () => {
    const { userId, token } = h.student();
    const { id, sessionId } = await h.book(token);
    await h.operator('/webhooks', { enabled: false });
    try {
      await h.payPage(sessionId, 'pay');
      expect((await h.stored(id)).paymentStatus).toBe('pending');
      const synced = await h.api(`/api/bookings/${id}/sync`, { token, method: 'POST' });
      expect(synced.status).toBe(200);
      expect(synced.body.paymentStatus).toBe('paid');
      expect(synced.body.stripePaymentIntentId).toMatch(/^pi_/);
      expect((await h.stored(id)).userId).toBe(userId);
    } finally {
      await h.operator('/webhooks', { enabled: true });
    }
    // The late webhook changes nothing more.
    await h.webhooksSettled();
    expect(statuses(await h.stored(id))).toEqual(['pending', 'paid']);
  });

  it('rejects booking again once paid, with 409 already_booked and the booking', async () => {
    const { token } = h.student();
    const { id } = await h.paidBooking(token);
    const again = await h.api('/api/bookings/create', {
      token,
      body: { courseId: 'intro-ts', returnUrl: 'http://localhost:8788/' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_booked');
    expect(again.body.error.booking).toMatchObject({ id, paymentStatus: 'paid' });
  });
});
