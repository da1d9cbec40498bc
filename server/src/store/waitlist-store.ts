import type { Collection, Db } from 'mongodb';
import type { IndexSpec } from './index-spec.js';
import { guard, isDuplicateKey } from './database.js';

/** Where an entry stands: in line, holding an offer, or gone (booked, let lapse, left, removed). */
export type WaitlistStatus = 'waiting' | 'offered' | 'taken' | 'lapsed' | 'left' | 'removed';

/** The statuses of an entry still in line (one per student per pool). */
export const openStatuses: readonly WaitlistStatus[] = ['waiting', 'offered'];

/**
 * A student waiting for seats of a sold-out course or date (the pool, as seats name it). `openKey`
 * is `open` while the entry is in line and its own id once it is gone: a unique index on
 * `{userId, pool, openKey}` keeps one open entry per student and pool on every server (FerretDB's
 * unique indexes are atomic where its conditional updates are not), and any number of closed ones.
 */
export interface WaitlistEntry {
  _id: string;
  courseId: string;
  sessionId: string | null;
  pool: string;
  userId: string;
  /** Where the offer email goes (the student's sign-in address), and the page language it speaks. */
  email: string | null;
  locale: string | null;
  /** The page the student joined from: the offer's link goes there. */
  returnUrl: string;
  quantity: number;
  status: WaitlistStatus;
  openKey: string;
  /** The seats held for the student, until when; and the round (each offer of one entry is a new one). */
  offer: { expiresAt: Date; offeredAt: Date; by: string } | null;
  /** When the keeping of the entry (the student's address) starts counting: its date's end, or its joining. */
  retainFrom: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Reads and writes the waiting lists. */
export interface WaitlistStore {
  /** Adds an entry; null when the student already has one open for the pool (the unique index). */
  insert(entry: WaitlistEntry): Promise<WaitlistEntry | null>;
  find(id: string): Promise<WaitlistEntry | null>;
  /** The student's open entry for a pool (index `one_open_per_student_pool`). */
  findOpen(userId: string, pool: string): Promise<WaitlistEntry | null>;
  /** The student's entries, open ones and the rest, newest first (index `user_newest`). */
  listForUser(userId: string): Promise<WaitlistEntry[]>;
  /** A pool's open entries, first in line first (index `line`). */
  listOpen(pool: string, limit: number): Promise<WaitlistEntry[]>;
  /** How many open entries of a pool joined before this one (its place in line, less one; index `line`). */
  countAhead(entry: Pick<WaitlistEntry, 'pool' | 'createdAt' | '_id'>): Promise<number>;
  /** Pools that have someone waiting (index `waiting_pools`). */
  poolsWaiting(limit: number): Promise<string[]>;
  /** Offers whose time ran out before `before` (index `offers_due`). */
  listLapsed(before: Date, limit: number): Promise<WaitlistEntry[]>;
  /** Records an offer of an entry still open (by `_id`); the entry after, or null once it was closed. */
  markOffered(id: string, offer: NonNullable<WaitlistEntry['offer']>, at: Date): Promise<WaitlistEntry | null>;
  /** Closes an open entry with a final status; the entry after, or null when it was closed already. */
  close(id: string, status: Exclude<WaitlistStatus, 'waiting' | 'offered'>, at: Date): Promise<WaitlistEntry | null>;
  /** How many offers are open (the Health screen; index `waiting_pools`, by its status). */
  countOffers(): Promise<number>;
  /** Entries whose keeping started at or before `before`, oldest first (index `retention`). */
  listRetained(before: Date, limit: number): Promise<WaitlistEntry[]>;
  /** Keeps an entry still in line a while longer: its keeping counts from `at`. */
  retainFrom(id: string, at: Date): Promise<void>;
  /** Deletes entries by id, or every entry of a student (index `user_newest`); answers how many. */
  delete(which: { ids: string[] } | { userId: string }): Promise<number>;
}

/** Creates the waiting-list store. */
export function createWaitlistStore(db: Db): WaitlistStore {
  const entries: Collection<WaitlistEntry> = db.collection<WaitlistEntry>('waitlist');
  return {
    insert: (entry) =>
      guard(async () => {
        try {
          await entries.insertOne(entry);
          return entry;
        } catch (error) {
          if (isDuplicateKey(error)) return null;
          throw error;
        }
      }),
    find: (id) => guard(() => entries.findOne({ _id: id })),
    findOpen: (userId, pool) => guard(() => entries.findOne({ userId, pool, openKey: 'open' })),
    listForUser: (userId) =>
      guard(() => entries.find({ userId }).sort({ createdAt: -1, _id: -1 }).limit(100).toArray()),
    listOpen: (pool, limit) =>
      guard(() => entries.find({ pool, openKey: 'open' }).sort({ createdAt: 1, _id: 1 }).limit(limit).toArray()),
    countAhead: ({ pool, createdAt, _id }) =>
      guard(async () => {
        const [before, same] = await Promise.all([
          entries.countDocuments({ pool, openKey: 'open', createdAt: { $lt: createdAt } }),
          entries.countDocuments({ pool, openKey: 'open', createdAt, _id: { $lt: _id } }),
        ]);
        return before + same;
      }),
    poolsWaiting: (limit) =>
      guard(async () => {
        const waiting = await entries
          .find({ status: 'waiting' }, { projection: { pool: 1 } })
          .sort({ status: 1, pool: 1 })
          .limit(limit * 20)
          .toArray();
        return [...new Set(waiting.map((e) => e.pool))].slice(0, limit);
      }),
    listLapsed: (before, limit) =>
      guard(() =>
        entries
          .find({ status: 'offered', 'offer.expiresAt': { $lt: before } })
          .sort({ 'offer.expiresAt': 1 })
          .limit(limit)
          .toArray(),
      ),
    markOffered: (id, offer, at) =>
      guard(() =>
        entries.findOneAndUpdate(
          { _id: id, openKey: 'open' },
          { $set: { status: 'offered', offer, updatedAt: at } },
          { returnDocument: 'after' },
        ),
      ),
    close: (id, status, at) =>
      guard(() =>
        entries.findOneAndUpdate(
          { _id: id, openKey: 'open' },
          { $set: { status, openKey: id, updatedAt: at } },
          { returnDocument: 'after' },
        ),
      ),
    countOffers: () => guard(() => entries.countDocuments({ status: 'offered' })),
    listRetained: (before, limit) =>
      guard(() =>
        entries
          .find({ retainFrom: { $lte: before } })
          .sort({ retainFrom: 1 })
          .limit(limit)
          .toArray(),
      ),
    retainFrom: (id, at) =>
      guard(async () => {
        await entries.updateOne({ _id: id }, { $set: { retainFrom: at } });
      }),
    delete: (which) =>
      guard(async () => {
        const filter = 'ids' in which ? { _id: { $in: which.ids } } : { userId: which.userId };
        return (await entries.deleteMany(filter)).deletedCount;
      }),
  };
}

/** One open entry per student and pool; a pool's line in order; who waits; offers by when they lapse. */
export const waitlistIndexes: IndexSpec[] = [
  {
    collection: 'waitlist',
    name: 'one_open_per_student_pool',
    key: { userId: 1, pool: 1, openKey: 1 },
    unique: true,
  },
  { collection: 'waitlist', name: 'user_newest', key: { userId: 1, createdAt: -1, _id: -1 } },
  { collection: 'waitlist', name: 'line', key: { pool: 1, openKey: 1, createdAt: 1, _id: 1 } },
  { collection: 'waitlist', name: 'waiting_pools', key: { status: 1, pool: 1 } },
  { collection: 'waitlist', name: 'offers_due', key: { status: 1, 'offer.expiresAt': 1 } },
  { collection: 'waitlist', name: 'retention', key: { retainFrom: 1 } },
];
