import type { Db } from 'mongodb';
import { auditIndexes } from './audit-store.js';
import { bookingIndexes } from './booking-store.js';
import { courseIndexes } from './course-store.js';
import { sessionIndexes } from './session-store.js';
import { eventIndexes } from './event-store.js';
import { rateLimitIndexes } from './rate-limit-store.js';
import { seatIndexes } from './seat-store.js';
import { outboxIndexes } from './outbox-store.js';
import { webhookEndpointIndexes } from './webhook-endpoint-store.js';
import { waitlistIndexes } from './waitlist-store.js';

import type { IndexSpec } from './index-spec.js';

export type { IndexSpec } from './index-spec.js';

/** Every index the stores declare. Each collection also has MongoDB's own `_id_`. */
export const declaredIndexes: readonly IndexSpec[] = [
  ...courseIndexes,
  ...sessionIndexes,
  ...bookingIndexes,
  ...eventIndexes,
  ...rateLimitIndexes,
  ...seatIndexes,
  ...auditIndexes,
  ...outboxIndexes,
  ...webhookEndpointIndexes,
  ...waitlistIndexes,
];

/** Indexes an earlier build created that nothing uses any more: dropped by the index migration. */
export const retiredIndexes: ReadonlyArray<{ collection: string; name: string }> = [
  { collection: 'bookings', name: 'by_user' }, // replaced by user_newest (its key gained _id)
  { collection: 'bookings', name: 'stale' }, // replaced by due (reconcileAt instead of checkoutExpiresAt)
  { collection: 'bookings', name: 'one_per_student_course' }, // replaced by one_per_student_session
  { collection: 'seats', name: 'one_seat_per_booking' }, // replaced by one_seat_per_booking_pool (a move holds two)
  { collection: 'seats', name: 'one_seat_per_booking_pool' }, // replaced by one_seat_per_booking_place (a group holds several)
];

/** An index as the server lists it. */
interface ListedIndex {
  name: string;
  key: Record<string, number>;
  unique?: boolean;
}

/** What differs between the declared indexes and the database's: missing, of another key, or retired. */
export async function compareIndexes(db: Db) {
  const missing: IndexSpec[] = [];
  const conflicting: IndexSpec[] = [];
  const retired: Array<{ collection: string; name: string }> = [];
  const listed = new Map<string, ListedIndex[]>();
  const indexesOf = async (collection: string) => {
    let found = listed.get(collection);
    if (!found) {
      found = (await db
        .collection(collection)
        .listIndexes()
        .toArray()
        .catch(() => [])) as ListedIndex[];
      listed.set(collection, found);
    }
    return found;
  };
  for (const spec of declaredIndexes) {
    const existing = (await indexesOf(spec.collection)).find((index) => index.name === spec.name);
    if (!existing) missing.push(spec);
    else if (!sameKey(existing, spec)) conflicting.push(spec);
  }
  for (const old of retiredIndexes) {
    if ((await indexesOf(old.collection)).some((index) => index.name === old.name)) retired.push(old);
  }
  return { missing, conflicting, retired };
}

/**
 * Makes the database's indexes the declared ones: drops retired indexes and those whose name an
 * earlier build used for another key (creating over them fails with `IndexKeySpecsConflict`),
 * then creates what is missing.
 */
export async function syncIndexes(db: Db): Promise<void> {
  const { missing, conflicting, retired } = await compareIndexes(db);
  for (const { collection, name } of [...retired, ...conflicting]) await db.collection(collection).dropIndex(name);
  for (const { collection, name, key, unique } of [...conflicting, ...missing]) {
    await db.collection(collection).createIndex(key, { name, ...(unique ? { unique } : {}) });
  }
}

function sameKey(listed: ListedIndex, spec: IndexSpec): boolean {
  const a = Object.entries(listed.key);
  const b = Object.entries(spec.key);
  return (
    a.length === b.length &&
    a.every(([field, order], i) => field === b[i]![0] && Number(order) === b[i]![1]) &&
    Boolean(listed.unique) === Boolean(spec.unique)
  );
}
