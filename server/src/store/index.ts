import type { Db } from 'mongodb';
import { connectDatabase, migrationTimeouts } from './database.js';
import { migrate, pendingMigrations, type MigrateOptions } from './migrations/runner.js';
import { createAuditStore, type AuditStore } from './audit-store.js';
import { createJobStore, type JobStore } from './job-store.js';
import { createBookingStore, type BookingStore } from './booking-store.js';
import { createCourseStore, type CourseStore } from './course-store.js';
import { createEventStore, type EventStore } from './event-store.js';
import { createClaimStore, type ClaimStore } from './claim-store.js';
import { createRateLimitStore, type RateLimitStore } from './rate-limit-store.js';
import { createSeatStore, type SeatStore } from './seat-store.js';
import { createSessionStore, type SessionStore } from './session-store.js';
import { createOutboxStore, type OutboxStore } from './outbox-store.js';
import { createWebhookEndpointStore, type WebhookEndpointStore } from './webhook-endpoint-store.js';
import { createWaitlistStore, type WaitlistStore } from './waitlist-store.js';

export { connectDatabase, type Database } from './database.js';
export { migrate, pendingMigrations, type MigrationProgress } from './migrations/index.js';
export { compareIndexes, declaredIndexes } from './indexes.js';
export { describeServer, type ServerFacts } from './server-facts.js';
export type { CourseDoc, CourseStore } from './course-store.js';
export type { SessionDoc, SessionStore } from './session-store.js';
export { finishOf, sessionKey } from './session-store.js';
export type { BookingFilter, BookingStore, TransitionUpdate } from './booking-store.js';
export type { BookingTotals } from './booking-totals.js';
export type { EventStore, ParkedEvent } from './event-store.js';
export type { ClaimStore } from './claim-store.js';
export { whileHolding } from './claims.js';
export type { AuditEntry, AuditStore } from './audit-store.js';
export type { JobRun, JobStore } from './job-store.js';
export type { EventLogEntry, EventLogFilter } from './event-store.js';
/** The reconciler's lease: a claim taken over when its holder stops renewing it. */
export type LeaseStore = ClaimStore;
/** A booking's lock while an event is applied to it. */
export type LockStore = ClaimStore;
export type { RateLimitStore } from './rate-limit-store.js';
export type { OutboxFilter, OutboxItem, OutboxState, OutboxStore } from './outbox-store.js';
export type { EndpointSecret, WebhookEndpoint, WebhookEndpointStore } from './webhook-endpoint-store.js';
export type { SeatHolder, SeatStore, SeatTaken } from './seat-store.js';
export type { WaitlistEntry, WaitlistStatus, WaitlistStore } from './waitlist-store.js';

/** Every store the app uses, over one database. */
export interface Stores {
  courses: CourseStore;
  sessions: SessionStore;
  bookings: BookingStore;
  events: EventStore;
  leases: LeaseStore;
  locks: LockStore;
  rateLimits: RateLimitStore;
  seats: SeatStore;
  audit: AuditStore;
  jobs: JobStore;
  outbox: OutboxStore;
  webhookEndpoints: WebhookEndpointStore;
  waitlist: WaitlistStore;
}

/** Creates the stores over a database. */
export function createStores(db: Db): Stores {
  return {
    courses: createCourseStore(db),
    sessions: createSessionStore(db),
    bookings: createBookingStore(db),
    events: createEventStore(db),
    leases: createClaimStore(db, 'leases'),
    locks: createClaimStore(db, 'locks'),
    rateLimits: createRateLimitStore(db),
    seats: createSeatStore(db),
    audit: createAuditStore(db),
    jobs: createJobStore(db),
    outbox: createOutboxStore(db),
    webhookEndpoints: createWebhookEndpointStore(db),
    waitlist: createWaitlistStore(db),
  };
}

/** Connects with the migrations' own generous limits, applies what is pending, and closes. */
export async function migrateDatabase(uri: string, dbName: string, options: MigrateOptions = {}): Promise<string[]> {
  const database = await connectDatabase(uri, dbName, migrationTimeouts, 'course-booking-migrate');
  try {
    return await migrate(database.db, options);
  } finally {
    await database.close();
  }
}

/** The pending migrations of a database, read on a connection of their own. */
export async function pendingMigrationsAt(uri: string, dbName: string) {
  const database = await connectDatabase(uri, dbName, migrationTimeouts, 'course-booking-migrate');
  try {
    return await pendingMigrations(database.db);
  } finally {
    await database.close();
  }
}
