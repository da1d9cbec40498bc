import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, WaitlistEntry } from '../../../common/contract.js';
import { startFerretDb } from '../../../scripts/lib/servers.mjs';
import { startBackendFleet } from '../../../test/support/backend-process.js';
import { sessionObject, siteOrigin, stripeEvent } from '../../../test/support/booking-harness.js';
import { poll } from '../../../test/support/poll.js';

// A backend killed (SIGKILL) between a seat going free and the offer of it to the first in line:
// the restarted backend's reconciler makes the offer, once, to the first in line only, holding
// exactly the freed seat, and its email is written once.

let ferret: Awaited<ReturnType<typeof startFerretDb>> | undefined;
let fleet: Awaited<ReturnType<typeof startBackendFleet>>;
let client: MongoClient;
let db: Db;
beforeAll(async () => {
  ferret = process.env.TEST_MONGODB_URI ? undefined : await startFerretDb();
  const mongodbUri = process.env.TEST_MONGODB_URI ?? ferret!.url;
  fleet = await startBackendFleet({ mongodbUri, env: { RECONCILE_INTERVAL_MS: '1000' } });
  client = new MongoClient(mongodbUri);
  db = client.db(fleet.dbName);
}, 60_000);
afterAll(async () => {
  await client?.close();
  await fleet?.stop();
  await ferret?.stop();
});

type Student = ReturnType<typeof fleet.student>;

/** A one-seat course whose seat is held by an open checkout, and two students in its line. */
async function fullCourse(url: string, id: string) {
  const course = { title: id, description: '', price: 4900, currency: 'usd', capacity: 1 };
  expect((await fleet.admin(url, `/courses/${id}`, { method: 'PUT', body: course })).status).toBe(201);
  const holder = fleet.student();
  const created = await fetch(`${url}/api/bookings/create`, {
    method: 'POST',
    headers: holder.headers,
    body: JSON.stringify({ courseId: id, returnUrl: `${siteOrigin}/` }),
  });
  const { booking } = (await created.json()) as { booking: Booking };
  const line: Array<{ student: Student; entry: WaitlistEntry }> = [];
  for (const name of ['first', 'second']) {
    const student = fleet.student(undefined, `${name}@example.com`);
    const joined = await fetch(`${url}/api/waitlist`, {
      method: 'POST',
      headers: student.headers,
      body: JSON.stringify({ courseId: id, returnUrl: `${siteOrigin}/` }),
    });
    expect(joined.status).toBe(201);
    line.push({ student, entry: ((await joined.json()) as { entry: WaitlistEntry }).entry });
  }
  return { booking, line };
}

/** The student's entries as the restarted backend says, once the first holds an offer. */
async function offeredTo(url: string, student: Student) {
  return poll(
    async () => {
      const res = await fetch(`${url}/api/waitlist/user`, { headers: student.headers });
      const [entry] = ((await res.json()) as { entries: WaitlistEntry[] }).entries;
      return entry?.status === 'offered' ? entry : undefined;
    },
    'the offer to the first in line',
    { timeoutMs: 20_000 },
  );
}

/** Every seat of the course, and every offer email of its line. */
async function seatsAndMails(courseId: string, entryIds: string[]) {
  const seats = await db.collection('seats').find({ courseId }).toArray();
  const mails = await db
    .collection('outbox')
    .find({ bookingId: { $in: entryIds }, channel: 'mail' })
    .toArray();
  return { holders: seats.map((s) => s.bookingId as string), mails: mails.map((m) => `${m.kind} ${m.to}`) };
}

describe('a backend killed between a freed seat and its offer', () => {
  it('is offered by the restarted backend, once, to the first in line', async () => {
    const backend = await fleet.start();
    const { booking, line } = await fullCourse(backend.url, 'raku');
    // The holder's checkout expires (Stripe says so); the backend dies as soon as it has answered,
    // while the freed seat's offer is under way in the background.
    const expired = sessionObject({
      id: booking.stripeSessionId!,
      bookingId: booking.id,
      status: 'expired',
      payment_status: 'unpaid',
    });
    const answered = await fleet.deliver(backend.url, stripeEvent('checkout.session.expired', expired));
    backend.child.kill('SIGKILL');
    expect(answered.status).toBe(200);

    const restarted = await fleet.start();
    const [first, second] = line;
    const entry = await offeredTo(restarted.url, first!.student);
    expect(entry.offer).toEqual({ expiresAt: expect.any(String) });
    // One more round of the reconciler changes nothing.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await seatsAndMails('raku', [first!.entry.id, second!.entry.id])).toEqual({
      holders: [first!.entry.id],
      mails: ['offer first@example.com'],
    });
    const behind = await fetch(`${restarted.url}/api/waitlist/user`, { headers: second!.student.headers });
    // Still waiting, behind the first (whose offer keeps their place until it is taken or lapses).
    expect(((await behind.json()) as { entries: WaitlistEntry[] }).entries[0]).toMatchObject({
      status: 'waiting',
      position: 2,
    });
    restarted.child.kill('SIGKILL');
  }, 60_000);

  it('finishes an offer whose seat was taken for the entry before the kill, without taking another', async () => {
    const backend = await fleet.start();
    const { booking, line } = await fullCourse(backend.url, 'anagama');
    backend.child.kill('SIGKILL');
    // What the dead backend left: the checkout's seat gone back, and taken for the first in line
    // (the offer's first step), but the offer not recorded and not mailed.
    const [first, second] = line;
    await db.collection('bookings').updateOne({ _id: booking.id as never }, { $set: { paymentStatus: 'expired' } });
    const heldUntil = new Date(Date.now() + 86_400_000);
    await db
      .collection('seats')
      .updateOne({ courseId: 'anagama', bookingId: booking.id }, { $set: { bookingId: first!.entry.id, heldUntil } });

    const restarted = await fleet.start();
    await offeredTo(restarted.url, first!.student);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await seatsAndMails('anagama', [first!.entry.id, second!.entry.id])).toEqual({
      holders: [first!.entry.id],
      mails: ['offer first@example.com'],
    });
    restarted.child.kill('SIGKILL');
  }, 60_000);
});
