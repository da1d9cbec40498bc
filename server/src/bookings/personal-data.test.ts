import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendee } from '../../../common/contract.js';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { poll } from '../../../test/support/poll.js';

// Personal data: attendees' names, addresses and answers (people who never signed in) and the
// student's own address are kept ATTENDEE_DATA_DAYS (90) after the session, the purchase or the
// joining of a line, then erased from bookings, waiting lists and the outbox, amounts and ids kept
// for the books. A student downloads what is held about them and erases it from the dashboard.
let h: Harness;
let receiver: Server;
let hooks = 0;
const dayMs = 86_400_000;
beforeAll(async () => {
  h = await startHarness();
  receiver = createServer((req, res) => {
    req.resume().on('end', () => {
      hooks += 1;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
  expect((await h.admin('/webhook-endpoints', { body: { url, events: ['booking.paid'] } })).status).toBe(201);
  const course = { description: '', price: 4900, currency: 'usd', active: true, maxPerOrder: 3 };
  await h.catalog.put('glaze', { ...course, title: 'Glaze lab' });
  await h.catalog.put('wheel', { ...course, title: 'Wheel' });
  await h.catalog.put('full', { ...course, title: 'Full', capacity: 1 });
  const soon = new Date(Date.now() + 3 * dayMs).toISOString();
  // Ends ten days from now: its attendees are kept until 100 days from now.
  await h.putSession('wheel', 'soon', { startsAt: soon, endsAt: new Date(Date.now() + 10 * dayMs).toISOString() });
});
afterAll(async () => {
  await h.close();
  await new Promise((r) => receiver.close(r));
});

const ada: Attendee = { name: 'Ada', email: 'ada@example.com', answers: {} };
const bo: Attendee = { name: 'Bo', answers: {} };

/** A paid booking of two seats named Ada and Bo. */
async function paidPair(token: string, courseId: string, sessionId?: string) {
  const body = { courseId, sessionId, returnUrl, mode: 'redirect', quantity: 2, attendees: [ada, bo] };
  const created = await h.api('/api/bookings/create', { token, body });
  expect(created.status).toBe(201);
  const { id, stripeSessionId } = created.body.booking;
  await h.payPage(stripeSessionId, 'pay');
  await h.waitForStatus(id, 'paid');
  return id as string;
}

/** Fills `full` and puts a student in its line; answers the entry's id. */
async function waitFor(token: string) {
  if ((await h.api('/api/courses/full')).body.seatsLeft !== 0) {
    await h.paidBooking(h.student().token, 'full');
  }
  const joined = await h.api('/api/waitlist', { token, body: { courseId: 'full', returnUrl } });
  expect(joined.status).toBe(201);
  return joined.body.entry.id as string;
}

const outboxOf = (bookingId: string) => h.db.collection('outbox').find({ bookingId }).toArray();

describe('keeping personal data ATTENDEE_DATA_DAYS', () => {
  it('erases it from bookings, the waiting list and the outbox once kept long enough; amounts and ids stay', async () => {
    const student = h.student(undefined, 'kept@example.com');
    const undated = await paidPair(student.token, 'glaze');
    const dated = await paidPair(h.student().token, 'wheel', 'soon');
    const leaver = h.student();
    const left = await waitFor(leaver.token);
    expect((await h.api(`/api/waitlist/${left}`, { token: leaver.token, method: 'DELETE' })).status).toBe(200);
    const inLine = await waitFor(h.student().token);
    // The operator's system hears of both payments, attendees and all.
    const messenger = h.messenger();
    await poll(async () => ((await messenger.runOnce(), hooks >= 2) ? true : undefined), 'two deliveries', {
      timeoutMs: 10_000,
    });
    expect(JSON.stringify((await outboxOf(undated))[0]!.payload)).toContain('Ada');

    await h.reconcileAt(89 * dayMs);
    expect((await h.stored(undated)).attendees).toEqual([ada, bo]);
    expect(await h.stores.waitlist.find(left)).not.toBeNull();

    await h.reconcileAt(91 * dayMs);
    const erased = await h.stored(undated);
    expect(erased.attendees).toBeNull();
    expect(erased.personalDataErasedAt).toBeInstanceOf(Date);
    expect(erased.checkout.customerEmail).toBeUndefined();
    expect(erased).toMatchObject({ paymentStatus: 'paid', quantity: 2, amount: 9800, amountPaid: 9800 });
    const [delivery] = await outboxOf(undated);
    expect(delivery).toMatchObject({ state: 'sent', payload: { erased: true }, erasedAt: expect.any(Date) });
    // A line left long ago is gone; one still waiting stays (its keeping starts again).
    expect(await h.stores.waitlist.find(left)).toBeNull();
    expect(await h.stores.waitlist.find(inLine)).toMatchObject({ status: 'waiting' });
    // The date's attendees are kept until 90 days after it ended.
    expect((await h.stored(dated)).attendees).toEqual([ada, bo]);

    await h.reconcileAt(101 * dayMs);
    expect((await h.stored(dated)).attendees).toBeNull();
    // An erased message is never sent again.
    const resend = await h.admin(`/outbox/${encodeURIComponent(String(delivery!._id))}/resend`, { method: 'POST' });
    expect(resend.status).toBe(409);
    expect(resend.body.error.code).toBe('message_erased');
  });
});

describe('/api/me/data', () => {
  it("downloads everything held about the signed-in student, and nobody else's", async () => {
    const student = h.student(undefined, 'mine@example.com');
    const id = await paidPair(student.token, 'glaze');
    await paidPair(h.student().token, 'glaze');
    const entry = await waitFor(student.token);
    const res = await h.api('/api/me/data', { token: student.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="my-bookings-data.json"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ userId: student.userId, email: 'mine@example.com', keptForDays: 90 });
    expect(res.body.bookings).toEqual([
      expect.objectContaining({ id, attendees: [ada, bo], email: 'mine@example.com', quantity: 2 }),
    ]);
    expect(res.body.waitlist).toEqual([expect.objectContaining({ id: entry, email: 'mine@example.com' })]);
    expect((await h.api('/api/me/data')).status).toBe(401);
    const foreign = await h.api('/api/me/data', { token: student.token, origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull(); // no other site reads it
  });

  it('erases it: the booking stays paid for the books, the line is left, the messages lose their contents', async () => {
    const student = h.student(undefined, 'gone@example.com');
    const id = await paidPair(student.token, 'glaze');
    const entry = await waitFor(student.token);
    await h.messenger().runOnce();
    expect((await outboxOf(id)).length).toBeGreaterThan(0);

    const res = await h.api('/api/me/data', { token: student.token, method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.body.erased).toMatchObject({ bookings: 1, waitlistEntries: 1 });

    const booking = await h.api(`/api/bookings/${id}`, { token: student.token });
    expect(booking.body).toMatchObject({ paymentStatus: 'paid', quantity: 2, amountPaid: 9800 });
    expect(booking.body.attendees).toBeUndefined();
    expect((await h.admin(`/bookings/${id}`)).body.email).toBeNull();
    expect((await h.api('/api/waitlist/user', { token: student.token })).body.entries).toEqual([]);
    expect(await h.stores.waitlist.find(entry)).toBeNull();
    for (const item of await outboxOf(id)) expect(item).toMatchObject({ payload: { erased: true } });
    const after = await h.api('/api/me/data', { token: student.token });
    expect(after.body).toMatchObject({
      bookings: [expect.not.objectContaining({ attendees: expect.anything() })],
      waitlist: [],
    });
    // Asking again is harmless.
    expect((await h.api('/api/me/data', { token: student.token, method: 'DELETE' })).status).toBe(200);
  });
});
