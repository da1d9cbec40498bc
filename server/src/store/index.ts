import type { Db } from 'mongodb';
import { createAuditStore, ensureAuditIndexes, type AuditStore } from './audit-store.js';
import { createJobStore, type JobStore } from './job-store.js';
import { createBookingStore, ensureBookingIndexes, type BookingStore } from './booking-store.js';
import { createCourseStore, ensureCourseIndexes, type CourseStore } from './course-store.js';
import { createEventStore, ensureEventIndexes, type EventStore } from './event-store.js';
import { createClaimStore, type ClaimStore } from './claim-store.js';
import { createRateLimitStore, ensureRateLimitIndexes, type RateLimitStore } from './rate-limit-store.js';
import { createSeatStore, ensureSeatIndexes, type SeatStore } from './seat-store.js';

export { connectDatabase, type Database } from './database.js';
export type { CourseDoc, CourseStore } from './course-store.js';
export type { BookingFilter, BookingStore, BookingTotals, TransitionUpdate } from './booking-store.js';
export type { ClaimResult, EventStore, ParkedEvent } from './event-store.js';
export type { ClaimStore } from './claim-store.js';
export type { AuditEntry, AuditStore } from './audit-store.js';
export type { JobRun, JobStore } from './job-store.js';
export type { EventLogEntry, EventLogFilter } from './event-store.js';
/** The reconciler's lease: a claim taken over when its holder stops renewing it. */
export type LeaseStore = ClaimStore;
/** A booking's lock while an event is applied to it. */
export type LockStore = ClaimStore;
export type { RateLimitStore } from './rate-limit-store.js';
export type { SeatHolder, SeatStore, SeatTaken } from './seat-store.js';

/** Every store the app uses, over one database. */
export interface Stores {
  courses: CourseStore;
  bookings: BookingStore;
  events: EventStore;
  leases: LeaseStore;
  locks: LockStore;
  rateLimits: RateLimitStore;
  seats: SeatStore;
  audit: AuditStore;
  jobs: JobStore;
}

/** Creates the stores over a database. */
export function createStores(db: Db): Stores {
  return {
    courses: createCourseStore(db),
    bookings: createBookingStore(db),
    events: createEventStore(db),
    leases: createClaimStore(db, 'leases'),
    locks: createClaimStore(db, 'locks'),
    rateLimits: createRateLimitStore(db),
    seats: createSeatStore(db),
    audit: createAuditStore(db),
    jobs: createJobStore(db),
  };
}

/** Creates every index the stores rely on. Safe to run at every start. */
export async function ensureIndexes(db: Db): Promise<void> {
  await ensureCourseIndexes(db);
  await ensureBookingIndexes(db);
  await ensureEventIndexes(db);
  await ensureRateLimitIndexes(db);
  await ensureSeatIndexes(db);
  await ensureAuditIndexes(db);
}
