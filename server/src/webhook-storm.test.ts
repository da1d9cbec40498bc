import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFerretDb, startMailpit } from '../../scripts/lib/servers.mjs';
import { startBackendFleet } from '../../test/support/backend-process.js';
import { siteOrigin, type stripeEvent } from '../../test/support/booking-harness.js';
import { journeys, type Journey, type JourneyIds as Ids } from '../../test/support/journeys.js';
import { poll } from '../../test/support/poll.js';
import type { BookingRecord } from './bookings/booking.js';
import { announcementsOf } from './outbox/announcements.js';
import { messageIdOf } from './outbox/relay.js';

// A storm of Stripe deliveries against the real backend process: every journey's events in random
// order, 30 % delivered twice or more, the backend killed (-9) and restarted mid-storm, the database
// frozen for a few seconds. Every delivery answered 5xx or not at all is delivered again, as Stripe
// does. At the end no booking may be wrong (lost) and no event applied twice (doubled), apart from
// updates that FerretDB 1.x itself drops (a concurrent read-then-write), which are counted apart.
// With TEST_MONGODB_URI pointing at a genuine MongoDB, the storm runs there and a lost update fails
// it (that server cannot be frozen from here: the freeze is left out, and the log says so).
// The reconciler does not run: every booking must be right when the deliveries end, on their own.
// Mail is on, to a mail catcher of the storm's own: each booking's emails (its confirmation, its
// refund, …) must arrive exactly once each, none lost through the kill and the freeze.
// LONG_TESTS=1 runs 400 bookings instead of 48; STORM_BOOKINGS and STORM_FREEZE_MS (4 s) set them
// (the design's budget: 150 bookings through a 10 s stall).
const bookingCount = Number(process.env.STORM_BOOKINGS ?? (process.env.LONG_TESTS === '1' ? 400 : 48));
const freezeMs = Number(process.env.STORM_FREEZE_MS ?? 4_000);
const external = process.env.TEST_MONGODB_URI;
let ferret: Awaited<ReturnType<typeof startFerretDb>> | undefined;
let mongodbUri: string;
/** A genuine MongoDB, which loses no acknowledged update: every lost one fails the storm. */
let genuine = false;
let fleet: Awaited<ReturnType<typeof startBackendFleet>>;
let backend: Awaited<ReturnType<(typeof fleet)['start']>>;
let catcher: Awaited<ReturnType<typeof startMailpit>>;

beforeAll(async () => {
  if (external) {
    const probe = new MongoClient(external);
    const info = await probe.db('admin').command({ buildInfo: 1 });
    genuine = !('ferretdbVersion' in info);
    await probe.close();
  } else ferret = await startFerretDb();
  mongodbUri = external ?? ferret!.url;
  catcher = await startMailpit();
  fleet = await startBackendFleet({
    mongodbUri,
    env: {
      RECONCILE_INTERVAL_MS: '86400000',
      WEBHOOK_CLAIM_TIMEOUT_MS: '3000',
      SMTP_URL: catcher.smtpUrl,
      OUTBOX_INTERVAL_MS: '300',
      OUTBOX_RETRY_BASE_MS: '500',
    },
  });
  backend = await fleet.start();
}, 60_000);

afterAll(async () => {
  if (ferret) process.kill(ferret.pid!, 'SIGCONT');
  await fleet?.stop();
  await ferret?.stop();
  await catcher?.stop();
});

type Event = ReturnType<typeof stripeEvent>;

/** The emails each booking's history calls for (every step of it, as announced): their Message-IDs. */
async function mailsOf(bookingIds: string[]) {
  const client = new MongoClient(mongodbUri);
  try {
    const bookings = client.db(fleet.dbName).collection<BookingRecord & { _id: string }>('bookings');
    const found = await bookings.find({ _id: { $in: bookingIds } }).toArray();
    // A key derived twice (a payment confirmed again after a dispute won) is one email.
    const keys = new Map(
      found.flatMap((doc) => announcementsOf({ ...doc, id: doc._id, announced: 0 }).map((a) => [a.key, a.kind])),
    );
    return [...keys].map(([key, kind]) => ({ kind, messageId: `${messageIdOf(`${key}:mail`)}@course-booking` }));
  } finally {
    await client.close();
  }
}

/** Where the outbox stands (for a failure's message): items per state, bookings still to announce, the last errors. */
async function outboxState() {
  const client = new MongoClient(mongodbUri);
  try {
    const db = client.db(fleet.dbName);
    const items = await db.collection('outbox').find({}).toArray();
    const byState: Record<string, number> = {};
    for (const item of items) byState[item.state] = (byState[item.state] ?? 0) + 1;
    return {
      byState,
      toAnnounce: await db.collection('bookings').countDocuments({ toAnnounce: true }),
      errors: items
        .filter((i) => i.lastError)
        .slice(0, 3)
        .map((i) => i.lastError),
      lease: await db.collection('leases').findOne({ _id: 'messenger' as never }),
      runs: await db.collection('job_runs').findOne({ _id: 'messenger' as never }),
      now: new Date(),
    };
  } finally {
    await client.close();
  }
}

/** Every Message-ID the storm's catcher holds, with how many copies of each. */
async function caughtMessageIds(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = 0; ; start += 500) {
    const res = await fetch(`${catcher.apiUrl}/api/v1/messages?start=${start}&limit=500`);
    const page = (await res.json()) as { messages: Array<{ MessageID: string }>; total: number };
    for (const m of page.messages) counts.set(m.MessageID, (counts.get(m.MessageID) ?? 0) + 1);
    if (start + 500 >= page.total) return counts;
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function book(n: number): Promise<{ ids: Ids; journey: Journey }> {
  const res = await fetch(`${backend.url}/api/bookings/create`, {
    method: 'POST',
    headers: fleet.student(undefined, `storm-${n}@example.test`).headers,
    body: JSON.stringify({ courseId: 'storm-course', returnUrl: `${siteOrigin}/` }),
  });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  const { booking } = (await res.json()) as { booking: { id: string; stripeSessionId: string } };
  const paymentIntent = `pi_storm_${randomBytes(8).toString('hex')}`;
  return {
    ids: { bookingId: booking.id, sessionId: booking.stripeSessionId, paymentIntent },
    journey: journeys[n % journeys.length]!,
  };
}

/** Posts one delivery; true when it was acknowledged (2xx), false when Stripe would retry it. */
async function deliver(event: Event): Promise<boolean> {
  const { status } = await fleet.deliver(backend.url, event);
  if (status === 400) throw new Error(`refused: ${JSON.stringify(event)}`);
  return status >= 200 && status < 300;
}

describe(`a storm of webhook deliveries (${bookingCount} bookings)`, () => {
  it('ends with every booking right and no event applied twice, through a kill -9 and a frozen database', async () => {
    await fleet.putCourse(backend.url, 'storm-course');
    const booked: Array<{ ids: Ids; journey: Journey }> = [];
    for (let n = 0; n < bookingCount; n += 8) {
      booked.push(...(await Promise.all(Array.from({ length: Math.min(8, bookingCount - n) }, (_, k) => book(n + k)))));
    }

    // Every event once, 30 % of them again (some a third time), all in one random order.
    const deliveries: Event[] = [];
    for (const { ids, journey } of booked) {
      for (const event of journey.events.map((make) => make(ids))) {
        deliveries.push(event);
        if (Math.random() < 0.3) deliveries.push(event);
        if (Math.random() < 0.05) deliveries.push(event);
      }
    }
    const queue = shuffle(deliveries);
    const total = queue.length;
    let acknowledged = 0;
    let retried = 0;
    let killed = false;
    let frozen = false;

    const worker = async () => {
      for (let event = queue.shift(); event; event = queue.shift()) {
        if (await deliver(event)) {
          acknowledged += 1;
        } else {
          retried += 1;
          queue.push(event);
          await new Promise((r) => setTimeout(r, 100));
        }
        if (!killed && acknowledged >= total / 3) {
          killed = true;
          backend.child.kill('SIGKILL');
          await new Promise((r) => backend.child.once('exit', r));
          backend = await fleet.start(backend.port);
        }
        if (!frozen && acknowledged >= (2 * total) / 3) {
          frozen = true;
          if (ferret) {
            const pid = ferret.pid!;
            process.kill(pid, 'SIGSTOP');
            setTimeout(() => process.kill(pid, 'SIGCONT'), freezeMs);
          }
        }
      }
    };
    const deadline = Date.now() + 150_000;
    while (queue.length > 0 && Date.now() < deadline) await Promise.all(Array.from({ length: 8 }, worker));
    expect(queue).toEqual([]);
    expect(killed && frozen).toBe(true);

    // Every delivery is acknowledged: each booking must be right now, with no reconciler's sweep.
    const client = new MongoClient(mongodbUri);
    const db = client.db(fleet.dbName);
    const bookings = db.collection<{
      _id: string;
      paymentStatus: string;
      amountRefunded?: number;
      history: Array<{ eventId: string }>;
    }>('bookings');
    const events = db.collection<{ _id: string; state: string; outcome?: string; bookingId?: string }>('stripe_events');
    const wrongNow = async () => {
      const wrong = [];
      for (const { ids, journey } of booked) {
        const booking = await bookings.findOne({ _id: ids.bookingId });
        const refundedRight = journey.refunded === undefined || booking?.amountRefunded === journey.refunded;
        if (booking?.paymentStatus !== journey.expected || !refundedRight) wrong.push({ ids, journey, booking });
      }
      return wrong;
    };
    const wrong = await wrongNow();

    let doubled = 0;
    const doubledIn: unknown[] = [];
    for (const { ids } of booked) {
      const history = (await bookings.findOne({ _id: ids.bookingId }))!.history;
      const twice = history.length - new Set(history.map((h) => h.eventId)).size;
      doubled += twice;
      if (twice > 0) doubledIn.push({ id: ids.bookingId, history });
    }
    // A wrong booking whose every event was applied, yet whose history lacks one of them: the
    // database acknowledged an update and then overwrote it with a concurrent one (FerretDB 1.x).
    let lostByDatabase = 0;
    const lost = [];
    for (const item of wrong) {
      const applied = await events.find({ bookingId: item.ids.bookingId, outcome: 'applied' }).toArray();
      const inHistory = new Set(item.booking?.history.map((h) => h.eventId));
      if (applied.some((e) => !inHistory.has(e._id))) lostByDatabase += 1;
      else {
        // What the failure message shows: the booking's history and every event recorded for it.
        const recorded = await events
          .find({ $or: [{ bookingId: item.ids.bookingId }, { paymentIntentId: item.ids.paymentIntent }] })
          .toArray();
        lost.push({ journey: item.journey.name, booking: item.booking, events: recorded });
      }
    }
    await client.close();
    console.log(
      `storm: ${bookingCount} bookings, ${total} deliveries (${total - booked.reduce((n, b) => n + b.journey.events.length, 0)} duplicates), ` +
        `${retried} retried, killed and restarted once, database ${ferret ? `frozen ${freezeMs / 1000} s` : 'not frozen (external)'}, no reconciler: ` +
        `${bookingCount - wrong.length} right, ${lost.length} lost, ${doubled} doubled, ${lostByDatabase} updates lost by the database` +
        (ferret
          ? ' (FerretDB)'
          : ` (${genuine ? 'genuine MongoDB: none may be lost; not frozen' : 'external server; not frozen'})`),
    );
    if (genuine) expect(lostByDatabase, 'a genuine MongoDB loses no acknowledged update').toBe(0);
    expect(lost, JSON.stringify(lost)).toEqual([]);
    expect(doubled, JSON.stringify(doubledIn)).toBe(0);

    // Each booking's emails, from its whole history: each must arrive, and only once.
    const mails = await mailsOf(booked.map((b) => b.ids.bookingId));
    const arrived = await poll(
      async () => {
        const ids = await caughtMessageIds();
        return mails.every((m) => ids.has(m.messageId)) ? ids : undefined;
      },
      'every booking email',
      { timeoutMs: 60_000, intervalMs: 500 },
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await outboxState())}`);
    });
    await new Promise((r) => setTimeout(r, 1_000)); // a second copy would come now
    const copies = await caughtMessageIds();
    const twice = [...copies].filter(([, count]) => count > 1);
    const unexpected = [...copies.keys()].filter((id) => !mails.some((m) => m.messageId === id));
    console.log(
      `storm mail: ${mails.length} emails expected (${mails.filter((m) => m.kind === 'confirmed').length} confirmations), ` +
        `${arrived.size} arrived, ${twice.length} twice, ${unexpected.length} not in any final history`,
    );
    // A kill -9 in the instant between the SMTP server's "accepted" and the record of it sends that
    // email again, under the same Message-ID (mail clients show it once): at most the 8 in flight.
    expect(twice.length, JSON.stringify(twice)).toBeLessThanOrEqual(8);
    // An email of a step the database then lost (counted above) is the only one allowed beyond them.
    expect(unexpected.length).toBeLessThanOrEqual(lostByDatabase);
  }, 300_000);
});
