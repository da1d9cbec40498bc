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
  createdAt: Date;
  updatedAt: Date;
}

/** Reads and writes the sessions of courses. */
export interface SessionStore {
  /** A course's sessions, soonest first (index `course_soonest`), past and cancelled ones too. */
  listForCourse(courseId: string): Promise<SessionDoc[]>;
  /** The sessions with these `<courseId>/<sessionId>` ids (the `_id` index), in any order. */
  findMany(ids: string[]): Promise<SessionDoc[]>;
  /** Creates or replaces a session (its cancellation stays as it was); reports whether it was created. */
  upsert(
    courseId: string,
    sessionId: string,
    input: SessionInput,
    now: Date,
  ): Promise<{ session: SessionDoc; created: boolean; previous: SessionDoc | null }>;
}

/** Creates the session store over a MongoDB database. */
export function createSessionStore(db: Db): SessionStore {
  const sessions: Collection<SessionDoc> = db.collection<SessionDoc>('course_sessions');
  return {
    findMany: (ids) => guard(async () => (ids.length === 0 ? [] : sessions.find({ _id: { $in: ids } }).toArray())),
    listForCourse: (courseId) => guard(() => sessions.find({ courseId }).sort({ startsAt: 1 }).toArray()),
    upsert: (courseId, sessionId, input, now) =>
      guard(async () => {
        const _id = `${courseId}/${sessionId}`;
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
];
