import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course, WaitlistEntry } from '../../../common/contract.js';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { composeMail, type MailFacts } from '../messages/compose-mail.js';

// Waiting lists: a sold-out course or date keeps the students it turns away; each freed seat is
// offered to the next in line (held for them, mailed once), an offer not taken lapses to the next,
// and the student who holds one books exactly those seats.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const course = (id: string, fields: Record<string, unknown> = {}) =>
  h.catalog.put(id, { title: id, description: '', price: 4900, currency: 'usd', active: true, ...fields });
const create = (token: string, courseId: string, body: Record<string, unknown> = {}) =>
  h.api('/api/bookings/create', { token, body: { courseId, returnUrl, mode: 'redirect', ...body } });
const join = (token: string, courseId: string, body: Record<string, unknown> = {}) =>
  h.api('/api/waitlist', { token, body: { courseId, returnUrl, ...body } });
const read = async (id: string) => (await h.api(`/api/courses/${id}`)).body as Course;
const entryOf = async (token: string, id: string) =>
  ((await h.api('/api/waitlist/user', { token })).body.entries as WaitlistEntry[]).find((e) => e.id === id)!;

/** Fills a course's seats with open checkouts of other students; answers their bookings. */
async function fill(courseId: string, seats: number) {
  const booked = [];
  for (let i = 0; i < seats; i += 1) booked.push((await create(h.student().token, courseId)).body.booking);
  return booked as Array<{ id: string; stripeSessionId: string }>;
}

describe('POST /api/waitlist', () => {
  it('puts a student in line for a sold-out course, once, and says their place', async () => {
    await course('full', { capacity: 1 });
    await fill('full', 1);
    const first = h.student();
    const joined = await join(first.token, 'full');
    expect(joined.status).toBe(201);
    expect(joined.body.entry).toMatchObject({ courseId: 'full', position: 1, quantity: 1, offer: null });
    const second = await join(h.student().token, 'full');
    expect(second.body.entry.position).toBe(2);
    const again = await join(first.token, 'full');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_waiting', entry: { id: joined.body.entry.id } });
    const listed = await h.api('/api/waitlist/user', { token: first.token });
    expect(listed.body.entries.map((e: WaitlistEntry) => e.id)).toEqual([joined.body.entry.id]);
    expect((await h.api('/api/waitlist', { body: { courseId: 'full', returnUrl } })).status).toBe(401);
  });

  it('refuses to wait where seats are free (409 not_sold_out), and checks what it is asked', async () => {
    await course('roomy', { capacity: 5, maxPerOrder: 2 });
    const free = await join(h.student().token, 'roomy');
    expect(free.status).toBe(409);
    expect(free.body.error).toMatchObject({ code: 'not_sold_out', seatsLeft: 5 });
    expect((await join(h.student().token, 'intro-ts')).body.error.code).toBe('not_sold_out'); // no seat limit
    expect((await join(h.student().token, 'roomy', { quantity: 3 })).body.error.fields).toEqual({
      quantity: 'must be at most 2 for this course',
    });
    expect((await join(h.student().token, 'roomy', { returnUrl: 'https://evil.example/' })).status).toBe(400);
    await fill('roomy', 4);
    // One seat left, two wanted: waiting is allowed.
    expect((await join(h.student().token, 'roomy', { quantity: 2 })).status).toBe(201);
  });

  it("lets its student leave (another student's entry is not found)", async () => {
    await course('leave', { capacity: 1 });
    await fill('leave', 1);
    const { token } = h.student();
    const { entry } = (await join(token, 'leave')).body;
    expect((await h.api(`/api/waitlist/${entry.id}`, { token: h.student().token, method: 'DELETE' })).status).toBe(404);
    const left = await h.api(`/api/waitlist/${entry.id}`, { token, method: 'DELETE' });
    expect(left.body.entry).toMatchObject({ status: 'left', position: null });
    expect((await join(token, 'leave')).status).toBe(201); // and may join again
  });
});

describe('offers', () => {
  it('offers freed seats to the first in line, holds them, mails each once; a lapsed offer goes to the next', async () => {
    await course('kiln', { capacity: 3, waitlistOfferHours: 24 });
    const [a, b] = await fill('kiln', 2);
    const paid = h.student();
    const paidBooking = await h.paidBooking(paid.token, 'kiln');
    const waiting = Array.from({ length: 10 }, (_, i) => h.student(undefined, `waiting${i}@example.com`));
    const entries: WaitlistEntry[] = [];
    for (const student of waiting) entries.push((await join(student.token, 'kiln')).body.entry);
    expect(entries.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    // Three seats free at once: two checkouts expire, one payment is refunded.
    await h.payments.gateway.expireCheckout(a!.stripeSessionId);
    await h.payments.gateway.expireCheckout(b!.stripeSessionId);
    expect([200, 202]).toContain((await h.admin(`/bookings/${paidBooking.id}/refund`, { method: 'POST' })).status);
    await h.waitForStatus(a!.id, 'expired');
    await h.waitForStatus(b!.id, 'expired');
    await h.waitForStatus(paidBooking.id, 'refunded');
    await h.reconcileAt(0);
    const states = await Promise.all(waiting.map((s, i) => entryOf(s.token, entries[i]!.id)));
    expect(states.map((e) => e.status)).toEqual(['offered', 'offered', 'offered', ...Array(7).fill('waiting')]);
    expect(states[0]!.offer!.expiresAt).toEqual(expect.any(String));
    // The held seats are nobody else's: the course reads sold out.
    expect(await read('kiln')).toMatchObject({ seatsLeft: 0, soldOut: true });
    expect((await create(h.student().token, 'kiln')).body.error.code).toBe('sold_out');
    // One offer mail each, under the entry's id.
    const mailed = async (id: string) =>
      (await h.db.collection('outbox').findOne({ _id: `${id}:offer:mail` } as never)) !== null;
    expect(await Promise.all(entries.map((e) => mailed(e.id)))).toEqual([true, true, true, ...Array(7).fill(false)]);

    // The first two take theirs: their create books exactly the held seats, and they pay.
    for (const i of [0, 1]) {
      const taken = await create(waiting[i]!.token, 'kiln');
      expect(taken.status).toBe(201);
      expect((await entryOf(waiting[i]!.token, entries[i]!.id)).status).toBe('taken');
      await h.payPage(taken.body.booking.stripeSessionId, 'pay');
      await h.waitForStatus(taken.body.booking.id, 'paid');
    }
    expect(await read('kiln')).toMatchObject({ seatsLeft: 0 });
    // The third lets it lapse: the fourth is offered it, once.
    await h.reconcileAt(25 * 3_600_000);
    expect((await entryOf(waiting[2]!.token, entries[2]!.id)).status).toBe('lapsed');
    expect((await entryOf(waiting[3]!.token, entries[3]!.id)).status).toBe('offered');
    expect((await entryOf(waiting[4]!.token, entries[4]!.id)).status).toBe('waiting');
    await h.reconcileAt(0);
    expect(await mailed(entries[3]!.id)).toBe(true);
  });

  it('makes the offer once after a crash between taking its seats and recording it', async () => {
    await course('crash', { capacity: 1 });
    const [held] = await fill('crash', 1);
    const { token } = h.student(undefined, 'crash@example.com');
    const { entry } = (await join(token, 'crash')).body;
    await h.payments.gateway.expireCheckout(held!.stripeSessionId);
    await h.waitForStatus(held!.id, 'expired');
    // The freed seat is offered at once (on this instance, after the release).
    await expect.poll(async () => (await entryOf(token, entry.id)).status).toBe('offered');
    // As if the process died after the offer's seats were taken, before the offer was written.
    await h.db
      .collection('waitlist')
      .updateOne({ _id: entry.id } as never, { $set: { status: 'waiting', offer: null } });
    await h.db.collection('outbox').deleteOne({ _id: `${entry.id}:offer:mail` } as never);
    await h.reconcileAt(0);
    await h.reconcileAt(0);
    expect((await entryOf(token, entry.id)).status).toBe('offered');
    expect(await h.db.collection('seats').countDocuments({ courseId: 'crash' })).toBe(1);
    const mail = await h.db.collection('outbox').findOne({ _id: `${entry.id}:offer:mail` } as never);
    expect(mail).toMatchObject({ kind: 'offer', to: 'crash@example.com', attempts: 0 });
    // What it says: the seat held until a time, the zone named, and a link to take it.
    const composed = composeMail('offer', mail!.payload as MailFacts, 'Pottery Studio');
    expect(composed.subject).toBe('A seat is held for you: crash');
    expect(composed.text).toMatch(/It is held for you until \w+ \d+ at \d\d:\d\d [AP]M UTC;/);
    expect(composed.text).toContain(`cb_offer=${entry.id}`);
  });

  it('gives an offer left by its student to the next in line at once', async () => {
    await course('handover', { capacity: 1 });
    const [held] = await fill('handover', 1);
    const first = h.student();
    const second = h.student();
    const one = (await join(first.token, 'handover')).body.entry;
    const two = (await join(second.token, 'handover')).body.entry;
    await h.payments.gateway.expireCheckout(held!.stripeSessionId);
    await h.waitForStatus(held!.id, 'expired');
    await h.reconcileAt(0);
    expect((await entryOf(first.token, one.id)).status).toBe('offered');
    await h.api(`/api/waitlist/${one.id}`, { token: first.token, method: 'DELETE' });
    await expect.poll(async () => (await entryOf(second.token, two.id)).status).toBe('offered');
  });
});

describe('more seats', () => {
  it('raised on a course or a date are offered to those waiting at once, without waiting for the sweep', async () => {
    const fields = { title: 'Wider', description: '', price: 4900, currency: 'usd' };
    await h.admin('/courses/wider', { method: 'PUT', body: { ...fields, capacity: 1 } });
    await fill('wider', 1);
    const student = h.student();
    const { entry } = (await join(student.token, 'wider')).body;
    await h.admin('/courses/wider', { method: 'PUT', body: { ...fields, capacity: 2 } });
    await expect.poll(async () => (await entryOf(student.token, entry.id)).status).toBe('offered');

    const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const endsAt = new Date(Date.parse(startsAt) + 3_600_000).toISOString();
    const date = { startsAt, endsAt, timeZone: 'Europe/Berlin', capacity: 1 };
    await h.admin('/courses/wider/sessions/june', { method: 'PUT', body: date });
    await h.api('/api/bookings/create', {
      token: h.student().token,
      body: { courseId: 'wider', sessionId: 'june', returnUrl, mode: 'redirect' },
    });
    const dated = h.student();
    const waiting = (await join(dated.token, 'wider', { sessionId: 'june' })).body.entry;
    await h.admin('/courses/wider/sessions/june', { method: 'PUT', body: { ...date, capacity: 3 } });
    await expect.poll(async () => (await entryOf(dated.token, waiting.id)).status).toBe('offered');
  });
});

describe("the operator's waiting lists", () => {
  it('lists a line, offers an entry by hand and removes one, audited; the Health screen counts open offers', async () => {
    await course('console-line', { capacity: 2 });
    const [held] = await fill('console-line', 2);
    const students = [h.student(), h.student()];
    const entries = [];
    for (const s of students) entries.push((await join(s.token, 'console-line')).body.entry);
    const line = await h.admin('/waitlist?courseId=console-line');
    expect(line.body.entries.map((e: { id: string; position: number }) => [e.id, e.position])).toEqual([
      [entries[0].id, 1],
      [entries[1].id, 2],
    ]);
    expect((await h.admin(`/waitlist/${entries[1].id}/offer`, { method: 'POST' })).status).toBe(409); // nothing free
    await h.payments.gateway.expireCheckout(held!.stripeSessionId);
    await h.waitForStatus(held!.id, 'expired');
    // Out of turn: the second is offered the freed seat by hand (unless the nudge already gave it to the first).
    const byHand = await h.admin(`/waitlist/${entries[1].id}/offer`, { method: 'POST' });
    const offered = await h.admin('/waitlist?courseId=console-line');
    const holding = offered.body.entries.filter((e: WaitlistEntry) => e.status === 'offered');
    expect(holding).toHaveLength(1);
    expect([200, 409]).toContain(byHand.status);
    expect((await h.admin('/status')).body.openOffers).toBeGreaterThanOrEqual(1);
    const removed = await h.admin(`/waitlist/${entries[0].id}`, { method: 'DELETE' });
    expect(removed.body.entry.status).toBe('removed');
    const audit = await h.admin('/audit');
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain('waitlist.remove');
  });
});
