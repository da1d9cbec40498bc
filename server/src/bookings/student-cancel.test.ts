import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// A student cancels or moves their own booking, within the course's policy: "full refund up to
// 7 days before, half up to 48 hours before; moves until 24 hours before". Stripe (the sandbox)
// refunds exactly the policy's amount, once however often the button is pressed.
let h: Harness;
const day = 86_400_000;
const policy = {
  windows: [
    { hoursBefore: 168, refundPercent: 100 },
    { hoursBefore: 48, refundPercent: 50 },
  ],
  moveUntilHoursBefore: 24,
};
const inFiveDays = new Date(Date.now() + 5 * day);
const inTenDays = new Date(Date.now() + 10 * day);
const tomorrow = new Date(Date.now() + day);

beforeAll(async () => {
  h = await startHarness();
  const course = { description: '', price: 12_900, currency: 'eur', active: true, cancellationPolicy: policy };
  await h.catalog.put('wheel', { ...course, title: 'Wheel weekend' });
  await h.catalog.put('free-talk', { ...course, title: 'Free talk', price: 0 });
  await h.catalog.put('no-policy', { ...course, title: 'No policy', cancellationPolicy: null });
  for (const courseId of ['wheel', 'free-talk', 'no-policy']) {
    await h.putSession(courseId, 'five', { startsAt: inFiveDays.toISOString(), capacity: 3 });
    await h.putSession(courseId, 'ten', { startsAt: inTenDays.toISOString(), capacity: 3 });
    await h.putSession(courseId, 'tomorrow', { startsAt: tomorrow.toISOString(), capacity: 3 });
  }
});
afterAll(() => h.close());

/** A paid booking of a date, and its owner. */
async function paidDate(courseId = 'wheel', sessionId = 'five') {
  const student = h.student();
  const res = await h.api('/api/bookings/create', {
    token: student.token,
    body: { courseId, sessionId, returnUrl, mode: 'redirect' },
  });
  const booking = res.body.booking as { id: string; stripeSessionId: string; stripePaymentIntentId: string };
  if (res.body.booking.paymentStatus !== 'paid') {
    await h.payPage(booking.stripeSessionId, 'pay');
    await h.waitForStatus(booking.id, 'paid');
  }
  return { student, id: booking.id, sessionId: booking.stripeSessionId };
}

/** What the sandbox refunded of a booking's payment, in all (its last `charge.refunded`). */
async function refundedOf(checkoutSessionId: string): Promise<number> {
  const intent = (await h.stored(await bookingIdOf(checkoutSessionId)))!.stripePaymentIntentId;
  const refunds = (await h.sentEvents()).filter(
    (e) => e.type === 'charge.refunded' && e.object.payment_intent === intent,
  );
  return Number(refunds.at(-1)?.object.amount_refunded ?? 0);
}
const bookingIdOf = async (checkoutSessionId: string) =>
  (await h.stores.bookings.findBySession(checkoutSessionId))!.booking.id;

const seatsLeft = async (courseId: string, sessionId: string) =>
  ((await h.api(`/api/courses/${courseId}`)).body.sessions as Array<{ id: string; seatsLeft: number }>).find(
    (s) => s.id === sessionId,
  )!.seatsLeft;

describe("a student's own cancellation", () => {
  it('says what would come back and until when, then refunds exactly that once, ends cancelled and frees the seat', async () => {
    const { student, id, sessionId } = await paidDate();
    const seats = await seatsLeft('wheel', 'five');
    const read = await h.api(`/api/bookings/${id}`, { token: student.token });
    expect(read.body.cancellation).toEqual({
      allowed: true,
      refundAmount: 6_450,
      until: new Date(inFiveDays.getTime() - 48 * 3_600_000).toISOString(),
      moveUntil: new Date(inFiveDays.getTime() - 24 * 3_600_000).toISOString(),
      policy,
    });

    const cancelled = await h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.refund).toEqual({ amount: 6_450, currency: 'eur' });
    expect(cancelled.body.booking).toMatchObject({
      paymentStatus: 'cancelled',
      cancellation: { allowed: false, by: 'student', reason: 'student_cancelled', amountRefunded: 6_450 },
    });
    expect(await seatsLeft('wheel', 'five')).toBe(seats + 1);
    await h.webhooksSettled();
    expect(await refundedOf(sessionId)).toBe(6_450);

    // Pressed again: the same answer, no second refund.
    const again = await h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.body.refund).toEqual({ amount: 6_450, currency: 'eur' });
    await h.webhooksSettled();
    expect(await refundedOf(sessionId)).toBe(6_450);
    expect((await h.stored(id))!.paymentStatus).toBe('cancelled');
  });

  it('refunds once when two cancels arrive at once', async () => {
    const { student, id, sessionId } = await paidDate('wheel', 'ten');
    const [one, two] = await Promise.all([
      h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' }),
      h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.body.refund).toEqual({ amount: 12_900, currency: 'eur' }); // 10 days before: in full
    expect(two.body.refund).toEqual(one.body.refund);
    await h.webhooksSettled();
    expect(await refundedOf(sessionId)).toBe(12_900);
    expect((await h.stored(id))!.paymentStatus).toBe('cancelled');
  });

  it('refuses outside the policy (409 cancellation_closed) and leaves the booking as it was', async () => {
    const { student, id } = await paidDate('wheel', 'tomorrow');
    expect((await h.api(`/api/bookings/${id}`, { token: student.token })).body.cancellation).toMatchObject({
      allowed: false,
      moveUntil: null,
    });
    const refused = await h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('cancellation_closed');
    expect((await h.stored(id))!.paymentStatus).toBe('paid');
    const none = await paidDate('no-policy');
    const closed = await h.api(`/api/bookings/${none.id}/cancel`, { token: none.student.token, method: 'POST' });
    expect(closed.body.error.code).toBe('cancellation_closed');
  });

  it('cancels a free booking without a refund', async () => {
    const { student, id } = await paidDate('free-talk');
    const cancelled = await h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.refund).toBeNull();
    expect(cancelled.body.booking.cancellation).toMatchObject({ by: 'student', amountRefunded: 0 });
  });

  it('gives back no more than is left when the operator refunded part in Stripe’s Dashboard', async () => {
    const { student, id, sessionId } = await paidDate('wheel', 'five');
    // €100 of €129 went back from Stripe's Dashboard: the policy's half (€64.50) is more than is left.
    await h.operator(`/sessions/${sessionId}/refund`, { amount: 10_000 });
    await h.webhooksSettled();
    const own = await h.api(`/api/bookings/${id}`, { token: student.token });
    expect(own.body).toMatchObject({ amountRefunded: 10_000, cancellation: { allowed: true, refundAmount: 2_900 } });
    const cancelled = await h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' });
    expect(cancelled.body.refund).toEqual({ amount: 2_900, currency: 'eur' });
    await h.webhooksSettled();
    expect(await refundedOf(sessionId)).toBe(12_900);
    expect(await h.stored(id)).toMatchObject({ paymentStatus: 'cancelled', amountRefunded: 12_900 });
  });

  it('leaves the booking paid when Stripe refuses the refund, and says why', async () => {
    const { student, id, sessionId } = await paidDate('wheel', 'five');
    // Most of it went back from Stripe's Dashboard, and its webhook has not arrived: Stripe refuses the policy's half.
    await h.operator('/webhooks', { enabled: false });
    try {
      await h.operator(`/sessions/${sessionId}/refund`, { amount: 10_000 });
      const refused = await h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('refund_refused');
      const stored = (await h.stored(id))!;
      expect(stored.paymentStatus).toBe('paid');
      expect(stored.cancelRequest).toBeUndefined();
    } finally {
      await h.operator('/webhooks', { enabled: true });
    }
  });

  it("is another student's 404", async () => {
    const { id } = await paidDate('wheel', 'ten');
    const other = await h.api(`/api/bookings/${id}/cancel`, { token: h.student().token, method: 'POST' });
    expect(other.status).toBe(404);
    expect((await h.stored(id))!.paymentStatus).toBe('paid');
  });
});

describe("a student's own move", () => {
  it('moves to another date while the policy allows, and not past its deadline (409 move_closed)', async () => {
    const { student, id } = await paidDate('wheel', 'ten');
    const moved = await h.api(`/api/bookings/${id}/move`, { token: student.token, body: { sessionId: 'five' } });
    expect(moved.status).toBe(200);
    expect(moved.body.booking.session.id).toBe('five');
    // Its history says who moved it, from where to where (the operator's page shows it).
    const history = (await h.admin(`/bookings/${id}`)).body.history;
    expect(history.at(-1)).toMatchObject({ type: 'booking.moved', move: { from: 'ten', to: 'five', by: 'student' } });
    const late = await paidDate('wheel', 'tomorrow');
    const closed = await h.api(`/api/bookings/${late.id}/move`, {
      token: late.student.token,
      body: { sessionId: 'ten' },
    });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('move_closed');
    const none = await paidDate('no-policy', 'ten');
    const never = await h.api(`/api/bookings/${none.id}/move`, {
      token: none.student.token,
      body: { sessionId: 'five' },
    });
    expect(never.body.error.code).toBe('move_closed');
  });
});
