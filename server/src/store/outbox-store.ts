import type { IndexSpec } from './index-spec.js';
import type { Collection, Db, Filter } from 'mongodb';
import { guard, isDuplicateKey } from './database.js';
import { newestPage, type Page, type PageCursor } from './page-cursor.js';

/** Where a message stands: waiting (or waiting for a retry), being sent, sent, or given up on. */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

/** One message to send: an email, or one delivery of an event to one webhook endpoint. */
export interface OutboxItem {
  /** Unique per booking, message kind, occasion and recipient (`bk_…:confirmed:attempt-2:mail`): never written twice. */
  id: string;
  channel: 'mail' | 'webhook';
  /** A mail's kind (`confirmed`, `reminder`, …) or a webhook's event type (`booking.paid`, …). */
  kind: string;
  bookingId: string | null;
  /** A mail's address, or the endpoint's URL when the delivery was written. */
  to: string;
  endpointId: string | null;
  /** The message's id: the `Message-ID` of a mail, the `webhook-id` of a delivery (the same on every retry). */
  messageId: string;
  /** What a delivery posts (the event), or what a mail says beyond the booking (its language, amounts). */
  payload: Record<string, unknown>;
  state: OutboxState;
  attempts: number;
  /** When it is next tried (pending), or when its send started (sending). */
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  /** Why the last try failed, and a webhook's response code. */
  lastError: string | null;
  lastStatus: number | null;
  /** When its address and payload (personal data) were erased: it is never sent again. */
  erasedAt?: Date | undefined;
}

/** As stored: `retainFrom` is when the keeping of its personal data started (its writing), until erased. */
type OutboxDoc = Omit<OutboxItem, 'id'> & { _id: string; retainFrom?: Date };

/** What the operator's lists filter on. */
export interface OutboxFilter {
  state?: OutboxState | undefined;
  endpointId?: string | undefined;
}

/** The outbox: written by the step that changes a booking (or its relay), drained by the sender. */
export interface OutboxStore {
  /** Writes new items; an item whose id exists already is left as it is. Answers how many were new. */
  add(items: OutboxItem[]): Promise<number>;
  /**
   * Items due at `at` (index `due`): pending ones whose time has come, and any left `sending`. A run
   * holds the messenger's lease and finishes its sends before it ends, so an item still `sending`
   * when a run starts is one whose runner died (or lost the lease) mid-send: it is sent again.
   */
  due(at: Date, limit: number): Promise<OutboxItem[]>;
  find(id: string): Promise<OutboxItem | null>;
  /** Marks an item being sent, if it is still as `seen` (state and attempts); false when another took it. */
  startSending(seen: Pick<OutboxItem, 'id' | 'state' | 'attempts'>, at: Date): Promise<boolean>;
  /** Records the end of a send: sent, to be tried again at `retryAt`, or given up on. */
  finish(
    id: string,
    at: Date,
    result: { state: 'sent' | 'pending' | 'failed'; retryAt?: Date; error?: string | null; status?: number | null },
  ): Promise<void>;
  /** Sends an item again (a replay, a resend), whatever became of it. False when there is no such item. */
  resend(id: string, at: Date): Promise<boolean>;
  /**
   * Newest first, a page at a time: every item, those in a state, one endpoint's deliveries (in a
   * state), or every delivery (`channel`, no state); each on an index of its own.
   */
  list(
    filter: OutboxFilter & { channel?: 'webhook' | undefined },
    page: { cursor?: PageCursor | undefined; limit: number },
  ): Promise<Page<OutboxItem>>;
  /** How many items are in a state (the Health screen). */
  count(state: OutboxState): Promise<number>;
  /** Items written at or before `before` whose personal data is still there, oldest first (index `retention`). */
  listRetained(before: Date, limit: number): Promise<OutboxItem[]>;
  /** Keeps an item's personal data a while longer (one still being sent): its keeping counts from `at`. */
  retainFrom(ids: string[], at: Date): Promise<void>;
  /**
   * Erases the address of mails and the payload of every item (by id, or every item of some
   * bookings or waiting-list entries: index `outbox_booking`); ids, kinds and states stay.
   */
  erase(which: { ids: string[] } | { bookingIds: string[] }, at: Date): Promise<number>;
}

/** Creates the outbox store over the `outbox` collection. */
export function createOutboxStore(db: Db): OutboxStore {
  const outbox: Collection<OutboxDoc> = db.collection<OutboxDoc>('outbox');
  return {
    add: (items) =>
      guard(async () => {
        if (items.length === 0) return 0;
        const docs = items.map(({ id, ...rest }) => ({ _id: id, ...rest, retainFrom: rest.createdAt }));
        try {
          return (await outbox.insertMany(docs, { ordered: false })).insertedCount;
        } catch (error) {
          if (!isDuplicateKey(error) && !allDuplicates(error)) throw error;
          return insertedOf(error);
        }
      }),
    due: (at, limit) =>
      guard(async () =>
        (
          await outbox
            .find({ state: { $in: ['pending', 'sending'] }, nextAttemptAt: { $lte: at } })
            .sort({ nextAttemptAt: 1 })
            .limit(limit)
            .toArray()
        ).map(fromDoc),
      ),
    find: (id) =>
      guard(async () => {
        const doc = await outbox.findOne({ _id: id });
        return doc ? fromDoc(doc) : null;
      }),
    startSending: ({ id, state, attempts }, at) =>
      guard(async () => {
        const taken = await outbox.updateOne(
          { _id: id, state, attempts },
          { $set: { state: 'sending', nextAttemptAt: at, updatedAt: at }, $inc: { attempts: 1 } },
        );
        return taken.matchedCount === 1;
      }),
    finish: (id, at, { state, retryAt, error, status }) =>
      guard(async () => {
        await outbox.updateOne(
          { _id: id },
          {
            $set: {
              state,
              updatedAt: at,
              ...(state === 'sent' ? { sentAt: at } : {}),
              ...(retryAt ? { nextAttemptAt: retryAt } : {}),
              lastError: error ?? null,
              lastStatus: status ?? null,
            },
          },
        );
      }),
    resend: (id, at) =>
      guard(async () => {
        const resent = await outbox.updateOne(
          { _id: id },
          { $set: { state: 'pending', nextAttemptAt: at, updatedAt: at, lastError: null } },
        );
        return resent.matchedCount === 1;
      }),
    list: ({ state, endpointId, channel }, page) =>
      guard(async () => {
        const filter: Filter<OutboxDoc> = endpointId
          ? { endpointId, ...(state ? { state } : {}) }
          : channel
            ? { channel }
            : { ...(state ? { state } : {}) };
        const { items, next } = await newestPage(outbox, filter, 'createdAt', page);
        return { items: items.map(fromDoc), next };
      }),
    count: (state) => guard(() => outbox.countDocuments({ state })),
    listRetained: (before, limit) =>
      guard(async () =>
        (
          await outbox
            .find({ retainFrom: { $lte: before } })
            .sort({ retainFrom: 1 })
            .limit(limit)
            .toArray()
        ).map(fromDoc),
      ),
    retainFrom: (ids, at) =>
      guard(async () => {
        if (ids.length > 0) await outbox.updateMany({ _id: { $in: ids } }, { $set: { retainFrom: at } });
      }),
    erase: (which, at) =>
      guard(async () => {
        const filter: Filter<OutboxDoc> =
          'ids' in which ? { _id: { $in: which.ids } } : { bookingId: { $in: which.bookingIds } };
        const erased = { payload: { erased: true }, erasedAt: at, updatedAt: at };
        const [mails, deliveries] = await Promise.all([
          outbox.updateMany(
            { ...filter, channel: 'mail' },
            { $set: { ...erased, to: '' }, $unset: { retainFrom: '' } },
          ),
          outbox.updateMany({ ...filter, channel: 'webhook' }, { $set: erased, $unset: { retainFrom: '' } }),
        ]);
        return mails.modifiedCount + deliveries.modifiedCount;
      }),
  };
}

/** A bulk insert refused only for ids written already: what it did write is what counts. */
function allDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors;
  return Array.isArray(writeErrors) && writeErrors.every((e) => e.code === 11000 || e.code === 1);
}

function insertedOf(error: unknown): number {
  return (error as { result?: { insertedCount?: number } }).result?.insertedCount ?? 0;
}

function fromDoc({ _id, retainFrom: _kept, ...rest }: OutboxDoc): OutboxItem {
  return { id: _id, ...rest };
}

/** The sender's queue, and the operator's lists newest first. */
export const outboxIndexes: IndexSpec[] = [
  { collection: 'outbox', name: 'due', key: { state: 1, nextAttemptAt: 1 } },
  { collection: 'outbox', name: 'outbox_newest', key: { createdAt: -1, _id: -1 } },
  { collection: 'outbox', name: 'outbox_state_newest', key: { state: 1, createdAt: -1, _id: -1 } },
  { collection: 'outbox', name: 'outbox_channel_newest', key: { channel: 1, createdAt: -1, _id: -1 } },
  { collection: 'outbox', name: 'outbox_endpoint_newest', key: { endpointId: 1, createdAt: -1, _id: -1 } },
  {
    collection: 'outbox',
    name: 'outbox_endpoint_state_newest',
    key: { endpointId: 1, state: 1, createdAt: -1, _id: -1 },
  },
  // Personal data whose keeping ends (erased items leave it), and the messages of one booking or entry.
  { collection: 'outbox', name: 'retention', key: { retainFrom: 1 } },
  { collection: 'outbox', name: 'outbox_booking', key: { bookingId: 1, channel: 1 } },
];
