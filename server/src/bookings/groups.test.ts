import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../../common/contract.js';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// Several seats in one purchase: a course sells up to `maxPerOrder` seats to one student at once,
// the booking holds them all (held, kept and given back together), Checkout charges for each, and
// however many students buy at once, no more seats are sold than there are.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const course = { description: '', price: 4900, currency: 'usd', active: true, maxPerOrder: 3 };
  await h.catalog.put('family', { ...course, title: 'Family pottery', capacity: 5 });
  await h.catalog.put('team', { ...course, title: 'Team workshop', price: 0, capacity: 4 });
  await h.catalog.put('rush', { ...course, title: 'Last seats', capacity: 40 });
  await h.catalog.put('evenings', { ...course, title: 'Evenings' });
  await h.putSession('evenings', 'may', { startsAt: '2027-05-04T19:00:00+02:00', capacity: 3 });
});
afterAll(() => h.close());

/** Books `quantity` seats, naming an attendee for each (a group must). */
const create = (token: string, body: Record<string, unknown>) => {
  const quantity = typeof body.quantity === 'number' ? body.quantity : 1;
  const attendees = Array.from({ length: quantity }, (_, i) => ({ name: `Attendee ${i + 1}`, answers: {} }));
  return h.api('/api/bookings/create', { token, body: { returnUrl, mode: 'redirect', attendees, ...body } });
};
const read = async (id: string) => (await h.api(`/api/courses/${id}`)).body as Course;

describe('POST /api/bookings/create with a quantity', () => {
  it('books three seats in one purchase: the booking holds three, Checkout charges three times the price', async () => {
    const { token } = h.student();
    const res = await create(token, { courseId: 'family', quantity: 3 });
    expect(res.status).toBe(201);
    expect(res.body.booking).toMatchObject({ quantity: 3, amount: 14700, paymentStatus: 'pending' });
    expect(await read('family')).toMatchObject({ seatsLeft: 2, maxPerOrder: 3 });
    const session = await h.stripeApi<{ amount_subtotal: number }>(
      `/checkout/sessions/${res.body.booking.stripeSessionId}`,
    );
    expect(session.body.amount_subtotal).toBe(14700);
    await h.payPage(res.body.booking.stripeSessionId, 'pay');
    const paid = await h.waitForStatus(res.body.booking.id, 'paid');
    expect(paid).toMatchObject({ quantity: 3, amountPaid: 14700 });
    expect(await read('family')).toMatchObject({ seatsLeft: 2 });
    // One booking per student stays: a second purchase is refused with the one they have.
    const again = await create(token, { courseId: 'family', quantity: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_booked', booking: { quantity: 3 } });
  });

  it('refuses more than the course sells per purchase (400 naming quantity), and a quantity that is not a count', async () => {
    const { token } = h.student();
    const many = await create(token, { courseId: 'family', quantity: 4 });
    expect(many.status).toBe(400);
    expect(many.body.error.fields.quantity).toBe('must be at most 3 for this course');
    const one = await create(token, { courseId: 'intro-ts', quantity: 2 });
    expect(one.body.error.fields.quantity).toBe('must be at most 1 for this course');
    for (const quantity of [0, 1.5, '2', 21]) {
      const bad = await create(token, { courseId: 'family', quantity });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty('quantity');
    }
  });

  it('says how many are left when fewer than asked (409 quantity_unavailable), and sold_out when none', async () => {
    // Two left (the first test bought three of five).
    const short = await create(h.student().token, { courseId: 'family', quantity: 3 });
    expect(short.status).toBe(409);
    expect(short.body.error).toMatchObject({ code: 'quantity_unavailable', seatsLeft: 2 });
    expect(await read('family')).toMatchObject({ seatsLeft: 2 });
    expect((await create(h.student().token, { courseId: 'family', quantity: 2 })).status).toBe(201);
    const none = await create(h.student().token, { courseId: 'family', quantity: 1 });
    expect(none.body.error.code).toBe('sold_out');
  });

  it('gives every seat back together when the checkout expires', async () => {
    const { token } = h.student();
    const before = (await read('evenings')).sessions![0]!.seatsLeft;
    const res = await create(token, { courseId: 'evenings', sessionId: 'may', quantity: 3 });
    expect(res.status).toBe(201);
    expect((await read('evenings')).sessions![0]).toMatchObject({ seatsLeft: before! - 3, soldOut: true });
    await h.payments.gateway.expireCheckout(res.body.booking.stripeSessionId);
    await h.waitForStatus(res.body.booking.id, 'expired');
    expect((await read('evenings')).sessions![0]).toMatchObject({ seatsLeft: before, soldOut: false });
  });

  it('starts a new checkout for another quantity, holding exactly that many seats', async () => {
    await h.putSession('evenings', 'june', { startsAt: '2027-06-01T19:00:00+02:00', capacity: 3 });
    const seatsLeft = async () => (await read('evenings')).sessions!.find((s) => s.id === 'june')!.seatsLeft;
    const { token } = h.student();
    const three = await create(token, { courseId: 'evenings', sessionId: 'june', quantity: 3 });
    expect(await seatsLeft()).toBe(0);
    const two = await create(token, { courseId: 'evenings', sessionId: 'june', quantity: 2 });
    expect(two.status).toBe(201);
    expect(two.body.booking).toMatchObject({ id: three.body.booking.id, quantity: 2, amount: 9800 });
    expect(two.body.booking.stripeSessionId).not.toBe(three.body.booking.stripeSessionId);
    expect(await seatsLeft()).toBe(1);
    // The replaced session was closed: it can take no money.
    const old = await h.stripeApi<{ status: string }>(`/checkout/sessions/${three.body.booking.stripeSessionId}`);
    expect(old.body.status).toBe('expired');
    const same = await create(token, { courseId: 'evenings', sessionId: 'june', quantity: 2 });
    expect(same.status).toBe(200);
    expect(same.body.booking.stripeSessionId).toBe(two.body.booking.stripeSessionId);
  });

  it('confirms a free group at once, with all its seats', async () => {
    const res = await create(h.student().token, { courseId: 'team', quantity: 3 });
    expect(res.status).toBe(201);
    expect(res.body.booking).toMatchObject({ paymentStatus: 'paid', quantity: 3, amount: 0 });
    expect(await read('team')).toMatchObject({ seatsLeft: 1 });
    expect((await create(h.student().token, { courseId: 'team', quantity: 2 })).body.error).toMatchObject({
      code: 'quantity_unavailable',
      seatsLeft: 1,
    });
  });

  it('never sells more seats than there are: 50 concurrent purchases of 1 to 3 seats at the last 5', async () => {
    // 35 of the 40 seats go first, so the race is for the last five.
    for (let i = 0; i < 7; i += 1) {
      expect((await create(h.student().token, { courseId: 'rush', quantity: 3 })).status).toBe(201);
      expect((await create(h.student().token, { courseId: 'rush', quantity: 2 })).status).toBe(201);
    }
    expect(await read('rush')).toMatchObject({ seatsLeft: 5 });
    const wanted = Array.from({ length: 50 }, (_, i) => (i % 3) + 1);
    const answers = await Promise.all(
      wanted.map((quantity) => create(h.student().token, { courseId: 'rush', quantity })),
    );
    const sold = answers.filter((a) => a.status === 201).reduce((n, a) => n + (a.body.booking.quantity as number), 0);
    expect(sold).toBeLessThanOrEqual(5);
    expect(sold).toBeGreaterThan(0);
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(['sold_out', 'quantity_unavailable']).toContain(refused.body.error.code);
    }
    const seats = await h.db.collection('seats').countDocuments({ courseId: 'rush' });
    expect(seats).toBe(35 + sold);
    expect(await read('rush')).toMatchObject({ seatsLeft: 5 - sold });
  });
});
