import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBackendFleet } from '../../test/support/backend-process.js';
import { sessionObject, siteOrigin, stripeEvent } from '../../test/support/booking-harness.js';
import { mailbox } from '../../test/support/mailbox.js';

// Two backend processes on one database, as behind a load balancer: no sticky sessions needed.
let fleet: Awaited<ReturnType<typeof startBackendFleet>>;
let a: Awaited<ReturnType<(typeof fleet)['start']>>;
let b: Awaited<ReturnType<(typeof fleet)['start']>>;
let client: MongoClient;

beforeAll(async () => {
  fleet = await startBackendFleet({
    mongodbUri: inject('mongodbUri'),
    env: {
      RECONCILE_INTERVAL_MS: '1000',
      SMTP_URL: inject('smtpUrl'),
      OUTBOX_INTERVAL_MS: '300',
      OUTBOX_REMINDER_INTERVAL_MS: '300',
    },
  });
  [a, b] = await Promise.all([fleet.start(), fleet.start()]);
  await fleet.putCourse(a.url, 'two-instances');
  client = new MongoClient(inject('mongodbUri'));
}, 60_000);

afterAll(async () => {
  await client
    ?.db(fleet.dbName)
    .dropDatabase()
    .catch(() => undefined);
  await client?.close();
  await fleet?.stop();
});

async function createThrough(url: string, student: ReturnType<(typeof fleet)['student']>) {
  const res = await fetch(`${url}/api/bookings/create`, {
    method: 'POST',
    headers: student.headers,
    body: JSON.stringify({ courseId: 'two-instances', returnUrl: `${siteOrigin}/` }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { booking: { id: string; stripeSessionId: string } }).booking;
}

describe('two backend instances on one database', () => {
  it('sync and read through one a booking created through the other', async () => {
    const student = fleet.student();
    const booking = await createThrough(a.url, student);
    await fetch(`${fleet.sandboxUrl}/pay/${booking.stripeSessionId}/pay`, { method: 'POST', redirect: 'manual' });
    const synced = await fetch(`${b.url}/api/bookings/${booking.id}/sync`, {
      method: 'POST',
      headers: student.headers,
    });
    expect(((await synced.json()) as { paymentStatus: string }).paymentStatus).toBe('paid');
    const read = await fetch(`${b.url}/api/bookings/${booking.id}`, { headers: student.headers });
    expect(((await read.json()) as { paymentStatus: string }).paymentStatus).toBe('paid');
    // And another student still sees nothing of it, on either.
    const other = await fetch(`${a.url}/api/bookings/${booking.id}`, { headers: fleet.student().headers });
    expect(other.status).toBe(404);
  });

  it('apply a webhook delivered to both, at once and again, once', async () => {
    const booking = await createThrough(b.url, fleet.student());
    const event = stripeEvent(
      'checkout.session.completed',
      sessionObject({ id: booking.stripeSessionId, bookingId: booking.id }),
    );
    const answers = await Promise.all([a, b, a, b].map((instance) => fleet.deliver(instance.url, event)));
    // One applies it; the others are duplicates or told to come back while it is being applied.
    expect(answers.filter((r) => r.status === 200 && !r.duplicate)).toHaveLength(1);
    for (const r of answers) expect([200, 503]).toContain(r.status);
    expect((await fleet.deliver(a.url, event)).duplicate).toBe(true);
    const stored = await client
      .db(fleet.dbName)
      .collection<{ _id: string; history: Array<{ status: string }> }>('bookings')
      .findOne({ _id: booking.id });
    expect(stored!.history.map((h) => h.status)).toEqual(['pending', 'paid']);
  });

  it('run the reconciler on one instance at a time', async () => {
    const leases = client.db(fleet.dbName).collection<{ _id: string; owner: string }>('leases');
    const owners = new Set<string>();
    for (let i = 0; i < 12; i += 1) {
      const lease = await leases.findOne({ _id: 'reconciler' });
      if (lease) owners.add(lease.owner);
      await new Promise((r) => setTimeout(r, 250));
    }
    // Both try every second; the one holding the lease keeps it while it lives.
    expect(owners.size).toBe(1);
  });

  it("send a booking's confirmation and its session's reminder once each, whichever instance's messenger runs", async () => {
    const startsAt = Date.now() + 3_600_000 + 6_000; // the reminder is due an hour before: in 6 s
    const course = { title: 'Evening wheel', description: '', price: 4900, currency: 'usd', reminderHours: 1 };
    expect((await fleet.admin(a.url, '/courses/evening-wheel', { method: 'PUT', body: course })).status).toBe(201);
    const session = {
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 7_200_000).toISOString(),
      timeZone: 'Europe/Berlin',
      capacity: 8,
    };
    expect(
      (await fleet.admin(b.url, '/courses/evening-wheel/sessions/tonight', { method: 'PUT', body: session })).status,
    ).toBe(201);
    const email = `wheel-${Date.now()}@example.test`;
    const student = fleet.student(undefined, email);
    const res = await fetch(`${a.url}/api/bookings/create`, {
      method: 'POST',
      headers: student.headers,
      body: JSON.stringify({ courseId: 'evening-wheel', sessionId: 'tonight', returnUrl: `${siteOrigin}/` }),
    });
    const { booking } = (await res.json()) as { booking: { id: string; stripeSessionId: string } };
    await fetch(`${fleet.sandboxUrl}/pay/${booking.stripeSessionId}/pay`, { method: 'POST', redirect: 'manual' });
    await fetch(`${b.url}/api/bookings/${booking.id}/sync`, { method: 'POST', headers: student.headers });

    const mail = mailbox();
    const arrived = await mail.waitFor(email, 2, undefined, 30_000);
    await new Promise((r) => setTimeout(r, 2_000)); // both messengers run several times meanwhile
    expect((await mail.to(email)).map((m) => m.Subject)).toEqual([
      'Booking confirmed: Evening wheel',
      'Reminder: Evening wheel',
    ]);
    expect(arrived).toHaveLength(2);
  }, 60_000);
});
