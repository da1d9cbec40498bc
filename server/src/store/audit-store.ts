import type { IndexSpec } from './index-spec.js';
import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { guard } from './database.js';
import { newestPage, type Page, type PageCursor } from './page-cursor.js';

/** One state-changing action of an operator: who, when, what, and the target before and after. */
export interface AuditEntry {
  id: string;
  at: Date;
  /** An admin's user id, or `api_key` for scripts. */
  actor: string;
  /** What the console calls them (their email or development name), when known. */
  actorName?: string | undefined;
  /** What was done: `course.create`, `course.update`, `booking.refund`, `webhook_endpoint.rotate`, `outbox.resend`. */
  action: string;
  target: { type: 'course' | 'booking' | 'webhook_endpoint' | 'message' | 'waitlist'; id: string };
  before: object | null;
  after: object | null;
}

type AuditDoc = Omit<AuditEntry, 'id'> & { _id: string };

/** The operator's audit trail: insert-only. */
export interface AuditStore {
  record(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Newest first, a page at a time (index `audit_newest`). */
  list(page: { cursor?: PageCursor | undefined; limit: number }): Promise<Page<AuditEntry>>;
}

/** Creates the audit store over the `audit` collection. */
export function createAuditStore(db: Db): AuditStore {
  const audit: Collection<AuditDoc> = db.collection<AuditDoc>('audit');
  return {
    record: (entry) =>
      guard(async () => {
        // No field stored as null for a name not known (scripts, older sign-ins).
        const { actorName, ...rest } = entry;
        const named = actorName ? { actorName } : {};
        await audit.insertOne({ _id: `aud_${randomBytes(10).toString('hex')}`, ...rest, ...named });
      }),
    list: (page) =>
      guard(async () => {
        const { items, next } = await newestPage(audit, {}, 'at', page);
        return { items: items.map(({ _id, ...rest }) => ({ id: _id, ...rest })), next };
      }),
  };
}

/** The audit list's index. */
export const auditIndexes: IndexSpec[] = [{ collection: 'audit', name: 'audit_newest', key: { at: -1, _id: -1 } }];
