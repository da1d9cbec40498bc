import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { declaredIndexes, retiredIndexes, syncIndexes } from '../indexes.js';
import { finishOf, type SessionDoc } from '../session-store.js';

/** One change to the database, applied once (recorded in `migrations` by its id), in order. */
export interface MigrationStep {
  /** Never changes once released: it is what `migrations` records. */
  id: string;
  /** One line for the operator. */
  description: string;
  run(db: Db): Promise<void>;
}

/**
 * The declared index set, as one step whose id is the set's fingerprint: any change to a store's
 * indexes (a new index, a key that changed) is a new step, applied once by the first start.
 */
const indexStep: MigrationStep = {
  id: `indexes-${createHash('sha256')
    .update(JSON.stringify({ declaredIndexes, retiredIndexes }))
    .digest('hex')
    .slice(0, 12)}`,
  description: 'make the indexes the declared ones (drop retired and conflicting, create missing)',
  run: syncIndexes,
};

/**
 * Bookings stored before sessions and checks were recorded: their current session is one of their
 * own, and the reconciler checks them when their checkout expires. Once, not at every start.
 */
const reconcileAtStep: MigrationStep = {
  id: '2026-10-reconcile-at',
  description: 'record the current session of old bookings and schedule their first check',
  async run(db) {
    const bookings: Collection = db.collection('bookings');
    const sessions: Collection = db.collection('checkout_sessions');
    for await (const doc of bookings.find({ reconcileAt: { $exists: false } })) {
      if (doc.stripeSessionId) {
        const record = { bookingId: doc._id, attempt: doc.attempt, amount: doc.amount, currency: doc.currency };
        await sessions.updateOne({ _id: doc.stripeSessionId }, { $setOnInsert: record }, { upsert: true });
      }
      await bookings.updateOne(
        { _id: doc._id },
        { $set: { reconcileAt: doc.checkoutExpiresAt, reconcileChecks: 0 }, $unset: { sessions: '' } },
      );
    }
  },
};

/**
 * Bookings stored before dated sessions: `sessionId: null`, stored, before the unique index of one
 * booking per student per session exists (FerretDB's unique indexes never find two missing fields
 * equal, so one per student per course needs the null).
 */
const sessionIdStep: MigrationStep = {
  id: '2026-12-booking-session-id',
  description: 'store sessionId: null on bookings made before dated sessions',
  async run(db) {
    await db.collection('bookings').updateMany({ sessionId: { $exists: false } }, { $set: { sessionId: null } });
  },
};

/**
 * Bookings stored before the outbox: what they went through is history, not news. Their entries so
 * far count as announced, so the relay never mails a student about a payment of last year.
 */
const announcedStep: MigrationStep = {
  id: '2026-12-outbox-announced',
  description: 'count the history of bookings made before the outbox as announced',
  async run(db) {
    const bookings: Collection = db.collection('bookings');
    for await (const doc of bookings.find({ announced: { $exists: false } }, { projection: { history: 1 } })) {
      const count = Array.isArray(doc.history) ? doc.history.length : 0;
      await bookings.updateOne({ _id: doc._id, announced: { $exists: false } }, { $set: { announced: count } });
    }
  },
};

/**
 * Seats taken before groups: each is its booking's only one, place 0, stored before the unique
 * index of each place of a booking per pool exists (it replaces one seat per booking and pool).
 */
const seatPlaceStep: MigrationStep = {
  id: '2026-12-seat-place',
  description: 'store place: 0 on seats taken before a booking could hold several',
  async run(db) {
    await db.collection('seats').updateMany({ place: { $exists: false } }, { $set: { place: 0 } });
  },
};

/**
 * Attendees named and lines joined before personal data had a retention: their keeping counts from
 * the end of their session's last meeting (undated: their creation), as a new one's does.
 */
const retainFromStep: MigrationStep = {
  id: '2026-12-retain-from',
  description: 'start the retention of attendees and waiting students named before ATTENDEE_DATA_DAYS',
  async run(db) {
    const sessions: Collection = db.collection('course_sessions');
    const finish = async (doc: { courseId: string; sessionId?: string | null; createdAt: Date }): Promise<Date> => {
      const session = doc.sessionId
        ? await sessions.findOne({ _id: `${doc.courseId}/${doc.sessionId}` as never })
        : null;
      return session ? finishOf(session as unknown as SessionDoc) : doc.createdAt;
    };
    const named = { bookings: { attendees: { $type: 'array' } }, waitlist: {} };
    for (const [name, holding] of Object.entries(named)) {
      const collection: Collection = db.collection(name);
      for await (const doc of collection.find({ ...holding, retainFrom: { $exists: false } })) {
        const owned = doc as unknown as { courseId: string; sessionId?: string | null; createdAt: Date };
        await collection.updateOne(
          { _id: doc._id, retainFrom: { $exists: false } },
          { $set: { retainFrom: await finish(owned) } },
        );
      }
    }
  },
};

/**
 * Every step, in the order they run. Never reorder or remove a released step; a new one goes at the
 * end, except one the index step needs done first (the session id and the seat's place, before
 * their unique indexes; the index step's id changes with every index change, so it runs after them).
 */
export const migrationSteps: readonly MigrationStep[] = [
  sessionIdStep,
  seatPlaceStep,
  indexStep,
  reconcileAtStep,
  announcedStep,
  retainFromStep,
];
