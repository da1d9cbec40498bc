import type { BookingStore, OutboxStore, WaitlistStore } from '../store/index.js';
import { decodeCursor, type PageCursor } from '../store/page-cursor.js';
import { openStatuses, type WaitlistEntry } from '../store/waitlist-store.js';
import type { BookingRecord } from './booking.js';
import { toBookingView } from './booking-view.js';
import type { WaitingLists } from './waitlist.js';

/** What the keeping and erasing of personal data runs on. */
export interface PersonalDataDeps {
  bookings: BookingStore;
  waitlist: WaitlistStore;
  outbox: OutboxStore;
  lines: WaitingLists;
  /** How long attendees' details are kept after their session (undated: the purchase): `ATTENDEE_DATA_DAYS`. */
  keepDays: number;
  now: () => Date;
}

/** What one retention sweep erased. */
export interface RetentionReport {
  bookings: number;
  waitlistEntries: number;
  messages: number;
}

const dayMs = 86_400_000;

/**
 * Personal data: attendees' names, addresses and answers (people who never signed in), and the
 * student's own address. Kept `keepDays` after the session (or the purchase, or the joining of a
 * line), then erased from bookings, the waiting lists and the outbox; amounts, ids and history stay
 * for the books. A student downloads what is held about them, and erases it, at any time.
 */
export function personalData(deps: PersonalDataDeps) {
  const { bookings, waitlist, outbox, lines, now } = deps;

  /** Every booking of a student, a page at a time (index `user_newest`). */
  async function* bookingsOf(userId: string): AsyncIterable<BookingRecord> {
    let cursor: PageCursor | null = null;
    do {
      const page = await bookings.listForUser(userId, { cursor: cursor ?? undefined, limit: 100 });
      yield* page.items;
      cursor = page.next === null ? null : decodeCursor(page.next);
    } while (cursor);
  }

  return {
    /**
     * Erases what has been kept long enough, a batch of each at a time (the reconciler runs it). An
     * entry still in line, or a message still being sent, is kept: its keeping counts from now.
     */
    async sweep(limit = 200): Promise<RetentionReport> {
      const at = now();
      const before = new Date(at.getTime() - deps.keepDays * dayMs);
      const due = await bookings.listRetained(before, limit);
      for (const booking of due) await bookings.erasePersonalData(booking.id, at);

      const entries = await waitlist.listRetained(before, limit);
      const inLine = entries.filter((e) => openStatuses.includes(e.status));
      for (const entry of inLine) await waitlist.retainFrom(entry._id, at);
      const gone = entries.filter((e) => !inLine.includes(e)).map((e) => e._id);
      const deleted = gone.length > 0 ? await waitlist.delete({ ids: gone }) : 0;

      const items = await outbox.listRetained(before, limit);
      const finished = items.filter((i) => i.state === 'sent' || i.state === 'failed').map((i) => i.id);
      await outbox.retainFrom(
        items.filter((i) => !finished.includes(i.id)).map((i) => i.id),
        at,
      );
      const erased = finished.length > 0 ? await outbox.erase({ ids: finished }, at) : 0;
      return { bookings: due.length, waitlistEntries: deleted, messages: erased };
    },

    /** Everything held about a student: their bookings (with attendees and answers) and waiting-list entries. */
    async exportOwn(userId: string) {
      const own: unknown[] = [];
      for await (const booking of bookingsOf(userId)) {
        own.push({ ...toBookingView(booking), email: booking.checkout.customerEmail ?? null });
      }
      const entries = await waitlist.listForUser(userId);
      return {
        exportedAt: now().toISOString(),
        userId,
        bookings: own,
        waitlist: await Promise.all(
          entries.map(async (entry) => ({ ...(await lines.view(entry)), email: entry.email })),
        ),
        keptForDays: deps.keepDays,
      };
    },

    /**
     * Erases a student's personal data now: they leave every waiting list (an offer's seats go to
     * the next), their entries and their messages' addresses and contents go, and every booking
     * keeps its seats, amounts and history with the attendees and address erased. Safe to repeat
     * (a crash part-way is finished by asking again).
     */
    async eraseOwn(userId: string): Promise<RetentionReport> {
      const entries: WaitlistEntry[] = await waitlist.listForUser(userId);
      for (const entry of entries.filter((e) => openStatuses.includes(e.status))) {
        await lines.leaveOwn(userId, entry._id);
      }
      const ids: string[] = [];
      for await (const booking of bookingsOf(userId)) ids.push(booking.id);
      const messages = await outbox.erase({ bookingIds: [...ids, ...entries.map((e) => e._id)] }, now());
      for (const id of ids) await bookings.erasePersonalData(id, now());
      const waitlistEntries = await waitlist.delete({ userId });
      return { bookings: ids.length, waitlistEntries, messages };
    },
  };
}

/** The personal-data rules' interface. */
export type PersonalData = ReturnType<typeof personalData>;
