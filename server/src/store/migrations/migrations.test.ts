import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, migrationTimeouts, type Database } from '../database.js';
import { compareIndexes, declaredIndexes } from '../indexes.js';
import { migrate, pendingMigrations } from './runner.js';
import { migrationSteps, type MigrationStep } from './steps.js';

let database: Database;
const opened: Db[] = [];
beforeAll(async () => {
  database = await connectDatabase(inject('mongodbUri'), 'unused', migrationTimeouts, 'course-booking-migrate');
});
afterAll(async () => {
  for (const db of opened) await db.dropDatabase().catch(() => undefined);
  await database?.close();
});

/** A database of its own on the test server. */
function freshDb(): Db {
  const db = database.db.client.db(`test_migrate_${randomBytes(5).toString('hex')}`);
  opened.push(db);
  return db;
}

/**
 * Every index an earlier commit created, each under the key it had then (from `git log -G createIndex`):
 * `by_session` on `sessions.id` (76a4bb8, now `stripeSessionId`), `by_user` (4542c38, replaced by
 * `user_newest` in b78c7c6), `stale` (4542c38, replaced by `due` in ca1cc1e), `one_per_student_course`
 * (replaced by `one_per_student_session` for dated sessions), `one_seat_per_booking` (replaced by
 * `one_seat_per_booking_pool`, as a move between dates holds two; then by `one_seat_per_booking_place`,
 * as a group holds several), and the rest as today.
 */
async function seedEveryEarlierIndexSet(db: Db) {
  const bookings = db.collection('bookings');
  await bookings.createIndex({ 'sessions.id': 1 }, { name: 'by_session' });
  await bookings.createIndex({ userId: 1, createdAt: -1 }, { name: 'by_user' });
  await bookings.createIndex({ paymentStatus: 1, checkoutExpiresAt: 1 }, { name: 'stale' });
  await bookings.createIndex({ userId: 1, courseId: 1 }, { name: 'one_per_student_course', unique: true });
  await db.collection('seats').createIndex({ bookingId: 1 }, { name: 'one_seat_per_booking', unique: true });
  await db
    .collection('seats')
    .createIndex({ bookingId: 1, courseId: 1 }, { name: 'one_seat_per_booking_pool', unique: true });
  const since = ['by_session', 'one_seat_per_booking_place'];
  for (const spec of declaredIndexes.filter((s) => !since.includes(s.name))) {
    await db.collection(spec.collection).createIndex(spec.key, { name: spec.name, unique: spec.unique ?? false });
  }
}

/** Seats as taken before groups: one per booking and pool, with no place. */
async function seedOldSeats(db: Db) {
  const at = new Date('2026-09-01T10:00:00Z');
  await db.collection<{ _id: string }>('seats').insertMany([
    { _id: 'pottery#1', courseId: 'pottery', bookingId: 'b_1', attempt: 1, heldUntil: null, at },
    { _id: 'pottery#2', courseId: 'pottery', bookingId: 'b_2', attempt: 1, heldUntil: null, at },
    { _id: 'pottery@mar#1', courseId: 'pottery@mar', bookingId: 'b_3', attempt: 1, heldUntil: at, at },
  ] as never);
}

/** A booking as stored before sessions and checks were recorded (no `reconcileAt`). */
async function seedOldBooking(db: Db, id: string) {
  const expires = new Date('2026-09-01T10:30:00Z');
  await db.collection<{ _id: string }>('bookings').insertOne({
    _id: id,
    userId: `user_${id}`,
    courseId: 'intro-ts',
    paymentStatus: 'pending',
    amount: 4900,
    currency: 'usd',
    attempt: 1,
    stripeSessionId: `cs_test_${id}`,
    sessions: [{ id: `cs_test_${id}` }],
    checkoutExpiresAt: expires,
  } as never);
  return expires;
}

/** A group booking of a dated session with attendees, and a waiting student, from before retention; answers the session's last end. */
async function seedNamedBeforeRetention(db: Db) {
  const lastMeeting = new Date('2026-03-22T16:00:00Z');
  await db.collection<{ _id: string }>('course_sessions').insertOne({
    _id: 'pottery/mar',
    endsAt: new Date('2026-03-15T16:00:00Z'),
    meetings: [{ startsAt: new Date('2026-03-22T09:00:00Z'), endsAt: lastMeeting }],
  } as never);
  await db.collection<{ _id: string }>('bookings').insertOne({
    _id: 'b_group',
    courseId: 'pottery',
    sessionId: 'mar',
    attendees: [{ name: 'Ada', answers: {} }],
    createdAt: new Date('2026-02-01T00:00:00Z'),
  } as never);
  await db.collection<{ _id: string }>('waitlist').insertOne({
    _id: 'wl_old',
    courseId: 'pottery',
    sessionId: null,
    createdAt: new Date('2026-02-02T00:00:00Z'),
  } as never);
  return lastMeeting;
}

describe('database migrations', () => {
  it('bring a database with every earlier index set to the declared indexes, and back-fill old bookings once', async () => {
    const db = freshDb();
    await seedEveryEarlierIndexSet(db);
    const expires = await seedOldBooking(db, 'b_old');
    await seedOldSeats(db);
    const lastMeeting = await seedNamedBeforeRetention(db);
    expect((await compareIndexes(db)).conflicting.map((s) => s.name)).toEqual(['by_session']);

    const applied = await migrate(db);
    expect(applied).toEqual(migrationSteps.map((s) => s.id));
    expect(await compareIndexes(db)).toEqual({ missing: [], conflicting: [], retired: [] });
    const old = await db.collection('bookings').findOne({ _id: 'b_old' as never });
    expect(old).toMatchObject({ reconcileAt: expires, reconcileChecks: 0 });
    expect(old).not.toHaveProperty('sessions');
    const seats = await db.collection('seats').find({}).sort({ _id: 1 }).toArray();
    expect(seats.map((s) => [s._id, s.place])).toEqual([
      ['pottery#1', 0],
      ['pottery#2', 0],
      ['pottery@mar#1', 0],
    ]);
    expect(await db.collection('checkout_sessions').findOne({ _id: 'cs_test_b_old' as never })).toMatchObject({
      bookingId: 'b_old',
    });
    // Attendees and waiting students named before retention: kept from their date's last meeting, or their joining.
    expect((await db.collection('bookings').findOne({ _id: 'b_group' as never }))!.retainFrom).toEqual(lastMeeting);
    expect(old).not.toHaveProperty('retainFrom');
    const waiting = await db.collection('waitlist').findOne({ _id: 'wl_old' as never });
    expect(waiting!.retainFrom).toEqual(waiting!.createdAt);

    // Recorded: a second start finds nothing pending in one query on `migrations`, and reads no booking.
    expect(await pendingMigrations(db)).toEqual([]);
    const watching = new MongoClient(inject('mongodbUri'), { monitorCommands: true });
    const sent: string[] = [];
    watching.on('commandStarted', (e) => {
      const target: unknown = e.command[e.commandName];
      if (typeof target === 'string') sent.push(`${e.commandName} ${target}`);
    });
    try {
      expect(await migrate(watching.db(db.databaseName))).toEqual([]);
    } finally {
      await watching.close();
    }
    expect(sent).toEqual(['find migrations']);
    const applies = await db.collection('migrations').find({}).toArray();
    expect(applies.map((a) => a._id).sort()).toEqual(migrationSteps.map((s) => s.id).sort());
  });

  it('run each step once when several instances start together', async () => {
    const db = freshDb();
    let runs = 0;
    const slow: MigrationStep = {
      id: 'test-slow-step',
      description: 'a step that takes a while',
      run: async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
    };
    const steps = [slow];
    const results = await Promise.all([1, 2, 3].map(() => migrate(db, { steps, pollMs: 50 })));
    expect(runs).toBe(1);
    expect(results.flat()).toEqual(['test-slow-step']);
  });

  it('run a step again after a crash in it, and record it only once it has run', async () => {
    const db = freshDb();
    let tries = 0;
    const flaky: MigrationStep = {
      id: 'test-flaky-step',
      description: 'fails the first time',
      run: async () => {
        tries += 1;
        if (tries === 1) throw new Error('the process died here');
      },
    };
    await expect(migrate(db, { steps: [flaky] })).rejects.toThrow('the process died here');
    expect(await pendingMigrations(db, [flaky])).toEqual([flaky]);
    expect(await migrate(db, { steps: [flaky] })).toEqual(['test-flaky-step']);
    expect(tries).toBe(2);
  });

  it('wait for a runner that holds the lease, and take it over when that runner died', async () => {
    const db = freshDb();
    const step: MigrationStep = { id: 'test-after-crash', description: 'x', run: async () => undefined };
    // A runner that died holding the lease a minute ago.
    await db
      .collection<{ _id: string }>('leases')
      .insertOne({ _id: 'migrations', owner: 'dead', at: new Date(Date.now() - 60_000) } as never);
    expect(await migrate(db, { steps: [step], leaseMs: 30_000, pollMs: 20 })).toEqual(['test-after-crash']);
  });
});
