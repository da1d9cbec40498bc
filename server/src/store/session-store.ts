import type { IndexSpec } from './index-spec.js';
import type { Collection, Db } from 'mongodb';
import type { SessionInput } from '../courses/session-schema.js';
import { guard } from './database.js';

/** A dated run of a course, as stored in `course_sessions` (`_id`: `<courseId>/<sessionId>`). */
export interface SessionDoc {
  _id: string;
  courseId: string;
  sessionId: string;
  startsAt: Date;
  endsAt: Date;
  /** The IANA zone its times are shown in. */
  timeZone: string;
  location: string | null;
  /** For paid bookings only; never in a public read. */
  onlineUrl: string | null;
  /** Its own seats; null for no limit. */
  capacity: number | null;
  bookingClosesAt: Date;
  meetings: Array<{ startsAt: Date; endsAt: Date }>;
  cancelled: boolean;
  /** Who cancelled it and when; its bookings are being ended while `cancelPending` (a restart finishes that). */
  cancelledAt?: Date | undefined;
  cancelledBy?: string | undefined;
  cancelPending?: boolean | undefined;
  /** The start its reminders were queued for (a session moved to another start is reminded again). */
  remindedFor?: Date | undefined;
  createdAt: Date;
  updatedAt: Date;
}

/** When a session is over: the end of its last meeting (or its own end). */
export function finishOf(doc: Pick<SessionDoc, 'endsAt' | 'meetings'>): Date {
  return new Date(Math.max(doc.endsAt.getTime(), ...doc.meetings.map((m) => m.endsAt.getTime())));
}

/** Reads and writes the sessions of courses. */
export interface SessionStore {
  /** A course's sessions, soonest first (index `course_soonest`), past and cancelled ones too. */
  listForCourse(courseId: string): Promise<SessionDoc[]>;
  /** One session of a course, cancelled or not (the `_id` index); null when the course has no such session. */
  find(courseId: string, sessionId: string): Promise<SessionDoc | null>;
  /** The sessions with these `<courseId>/<sessionId>` ids (the `_id` index), in any order. */
  findMany(ids: string[]): Promise<SessionDoc[]>;
  /**
   * Marks a session cancelled, with its bookings still to end (`cancelPending`); a second call
   * changes nothing (`now` says whether this one cancelled it). Null when there is no such session.
   */
  cancel(
    courseId: string,
    sessionId: string,
    by: string,
    at: Date,
  ): Promise<{ session: SessionDoc; now: boolean } | null>;
  /** Sessions cancelled whose bookings have not all ended yet, a page at a time (index `cancel_pending`). */
  listCancelPending(limit: number): Promise<SessionDoc[]>;
  /** Records that every booking of a cancelled session has ended. */
  cancelFinished(courseId: string, sessionId: string): Promise<void>;
  /** Sessions starting at or after `from` and before `to`, soonest first (index `soonest`): the reminders' sweep. */
  startingBetween(from: Date, to: Date, limit: number): Promise<SessionDoc[]>;
  /** Records that the reminders of a session starting at `startsAt` are in the outbox. */
  markReminded(courseId: string, sessionId: string, startsAt: Date): Promise<void>;
  /** Creates or replaces a session (its cancellation stays as it was); reports whether it was created. */
  upsert(
    courseId: string,
    sessionId: string,
    input: SessionInput,
    now: Date,
  ): Promise<{ session: SessionDoc; created: boolean; previous: SessionDoc | null }>;
}

/** A session's `_id`: its course and its own id. */
export const sessionKey = (courseId: string, sessionId: string) => `${courseId}/${sessionId}`;

/** Creates the session store over a MongoDB database. */
export function createSessionStore(db: Db): SessionStore {
  const sessions: Collection<SessionDoc> = db.collection<SessionDoc>('course_sessions');
  return {
    find: (courseId, sessionId) => guard(() => sessions.findOne({ _id: sessionKey(courseId, sessionId) })),
    findMany: (ids) => guard(async () => (ids.length === 0 ? [] : sessions.find({ _id: { $in: ids } }).toArray())),
    listForCourse: (courseId) => guard(() => sessions.find({ courseId }).sort({ startsAt: 1 }).toArray()),
    cancel: (courseId, sessionId, by, at) =>
      guard(async () => {
        const _id = sessionKey(courseId, sessionId);
        const changed = await sessions.updateOne(
          { _id, cancelled: false },
          { $set: { cancelled: true, cancelledAt: at, cancelledBy: by, cancelPending: true, updatedAt: at } },
        );
        const session = await sessions.findOne({ _id });
        return session && { session, now: changed.modifiedCount > 0 };
      }),
    listCancelPending: (limit) =>
      guard(() => sessions.find({ cancelPending: true }).sort({ cancelledAt: 1 }).limit(limit).toArray()),
    cancelFinished: (courseId, sessionId) =>
      guard(async () => {
        await sessions.updateOne({ _id: sessionKey(courseId, sessionId) }, { $set: { cancelPending: false } });
      }),
    startingBetween: (from, to, limit) =>
      guard(() =>
        sessions
          .find({ startsAt: { $gte: from, $lt: to } })
          .sort({ startsAt: 1 })
          .limit(limit)
          .toArray(),
      ),
    markReminded: (courseId, sessionId, startsAt) =>
      guard(async () => {
        await sessions.updateOne(
          { _id: sessionKey(courseId, sessionId), startsAt },
          { $set: { remindedFor: startsAt } },
        );
      }),
    upsert: (courseId, sessionId, input, now) =>
      guard(async () => {
        const _id = sessionKey(courseId, sessionId);
        const existing = await sessions.findOne({ _id });
        const startsAt = new Date(input.startsAt);
        const session: SessionDoc = {
          _id,
          courseId,
          sessionId,
          startsAt,
          endsAt: new Date(input.endsAt),
          timeZone: input.timeZone,
          location: input.location || null,
          onlineUrl: input.onlineUrl ?? null,
          capacity: input.capacity,
          bookingClosesAt: input.bookingClosesAt ? new Date(input.bookingClosesAt) : startsAt,
          meetings: (input.meetings ?? []).map((m) => ({ startsAt: new Date(m.startsAt), endsAt: new Date(m.endsAt) })),
          cancelled: existing?.cancelled ?? false,
          ...(existing?.cancelled
            ? {
                cancelledAt: existing.cancelledAt,
                cancelledBy: existing.cancelledBy,
                cancelPending: existing.cancelPending,
              }
            : {}),
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        await sessions.replaceOne({ _id }, session, { upsert: true });
        return { session, created: existing === null, previous: existing };
      }),
  };
}

/** The indexes the session queries rely on. */
export const sessionIndexes: IndexSpec[] = [
  // A course's sessions, soonest first (its public read and the console).
  { collection: 'course_sessions', name: 'course_soonest', key: { courseId: 1, startsAt: 1 } },
  // Cancelled sessions whose bookings are still being ended (the reconciler finishes them).
  { collection: 'course_sessions', name: 'cancel_pending', key: { cancelPending: 1, cancelledAt: 1 } },
  // Sessions about to start, whichever course (the reminders).
  { collection: 'course_sessions', name: 'soonest', key: { startsAt: 1 } },
];
