import { randomBytes } from 'node:crypto';
import type { WaitlistEntry as WaitlistEntryView } from '../../../common/contract.js';
import type { CachedCourse, Catalog } from '../courses/catalog.js';
import { courseOfPool, seatPool } from '../courses/course-sessions.js';
import { AppError, errors } from '../errors.js';
import { forSale } from '../http/course-response.js';
import type { Logger } from '../logger.js';
import { mailLanguage } from '../messages/mail-language.js';
import { mailItem, mailSession } from '../outbox/relay.js';
import { finishOf, type OutboxStore, type SeatStore, type WaitlistEntry, type WaitlistStore } from '../store/index.js';
import { capacityOf } from './seats.js';
import { bookableSession } from './session-rules.js';

/** What the waiting lists run on. */
export interface WaitlistDeps {
  waitlist: WaitlistStore;
  seats: SeatStore;
  catalog: Catalog;
  outbox: OutboxStore;
  /** Runs `work` holding a lock named `id` (an entry's, as a booking's): its seats change only so. */
  exclusively: <T>(id: string, work: () => Promise<T>) => Promise<T>;
  logger: Logger;
  now: () => Date;
}

/** A student asks to wait: for a course (or one of its dates), how many seats. */
export interface JoinRequest {
  userId: string;
  email?: string | undefined;
  locale?: string | undefined;
  courseId: string;
  sessionId?: string | undefined;
  quantity: number;
  returnUrl: string;
}

/** How many entries of a pool one offer round looks at. */
const lineLimit = 200;

/**
 * Waiting lists: a student waits for a sold-out course or date; when seats free up (an expiry, a
 * failure, a refund, a cancellation, a raised capacity, a move, a lapsed offer) they are offered
 * in order: the seats are taken for the entry itself, held until the offer lapses, so no one else
 * can book them and no two offers ever hold one seat (seats are unique, as every booking's). An
 * entry that wants more seats than are free waits while those behind it that fit are offered. The
 * offer is mailed once (its outbox id is the entry's); a create by its student takes the held seats.
 */
export function waitingLists(deps: WaitlistDeps) {
  const { waitlist, seats, catalog, outbox, exclusively, logger, now } = deps;

  /** An entry as its student (and the operator) sees it: its place in line while it waits. */
  async function view(entry: WaitlistEntry): Promise<WaitlistEntryView> {
    const open = entry.status === 'waiting' || entry.status === 'offered';
    const found = await catalog.get(entry.courseId);
    const session = found?.sessions.find((s) => s.sessionId === entry.sessionId);
    return {
      id: entry._id,
      courseId: entry.courseId,
      courseTitle: found?.course.title ?? entry.courseId,
      ...(entry.sessionId ? { sessionId: entry.sessionId } : {}),
      ...(session ? { session: { startsAt: session.startsAt.toISOString(), timeZone: session.timeZone } } : {}),
      quantity: entry.quantity,
      status: entry.status,
      position: open ? (await waitlist.countAhead(entry)) + 1 : null,
      offer: entry.status === 'offered' && entry.offer ? { expiresAt: entry.offer.expiresAt.toISOString() } : null,
      createdAt: entry.createdAt.toISOString(),
    };
  }

  /** The seats of a pool, and how many are free now; null for a course without a seat limit. */
  async function freeSeats(found: CachedCourse, sessionId: string | null) {
    const capacity = capacityOf(found, sessionId);
    if (capacity === null) return null;
    return { capacity, free: capacity - (await seats.countTaken(seatPool(found.course.id, sessionId))) };
  }

  /** Holds the seats an entry is offered and records the offer (then mails it, once); false when too few are free. */
  async function offer(entry: WaitlistEntry, found: CachedCourse, by: string): Promise<boolean> {
    return exclusively(entry._id, async () => {
      const fresh = await waitlist.find(entry._id);
      if (!fresh || fresh.status !== 'waiting') return false;
      const at = now();
      const expiresAt = new Date(at.getTime() + found.waitlistOfferHours * 3_600_000);
      const capacity = capacityOf(found, fresh.sessionId) ?? 0;
      const holder = { courseId: fresh.pool, bookingId: fresh._id, attempt: 1, quantity: fresh.quantity };
      // Taken for the entry first: a crash before the offer is recorded leaves seats the next round renews.
      if (!(await seats.take(holder, capacity, expiresAt, at))) return false;
      catalog.forget(fresh.courseId);
      const offered = await waitlist.markOffered(fresh._id, { expiresAt, offeredAt: at, by }, at);
      if (offered) await mailOffer(offered, found);
      return !!offered;
    });
  }

  /** The offer's email, written to the outbox under the entry's id (so once, however often it is written). */
  async function mailOffer(entry: WaitlistEntry, found: CachedCourse) {
    if (!entry.email || !entry.offer) return;
    const session = entry.sessionId ? found.sessions.find((s) => s.sessionId === entry.sessionId) : undefined;
    const link = new URL(entry.returnUrl);
    link.searchParams.set('cb_offer', entry._id);
    const facts = {
      language: mailLanguage(entry.locale ?? undefined),
      bookingId: entry._id,
      course: found.course.title,
      currency: found.course.currency,
      amountPaid: null,
      amountRefunded: null,
      session: session ? mailSession(session, false) : null,
      link: link.toString(),
      offerUntil: entry.offer.expiresAt.toISOString(),
    };
    await outbox.add([mailItem(`${entry._id}:offer:mail`, 'offer', entry._id, entry.email, facts, now())]);
  }

  /**
   * Offers a pool's free seats to those waiting, in order. Safe to run anywhere at any time: an
   * entry's offer holds real seats, and each entry is offered once. Answers how many were offered.
   */
  async function offerFree(pool: string): Promise<number> {
    // Nobody waiting (the usual case after a freed seat or a saved course): one read on `line`.
    const line = await waitlist.listOpen(pool, lineLimit);
    if (line.length === 0) return 0;
    const found = await catalog.get(courseOfPool(pool));
    if (!found) return 0;
    const sessionId = pool.includes('@') ? pool.slice(pool.indexOf('@') + 1) : null;
    const session = sessionId ? found.sessions.find((s) => s.sessionId === sessionId) : undefined;
    // A date that was cancelled or whose booking closed: its line ends.
    if (sessionId && (!session || session.cancelled || session.bookingClosesAt <= now())) {
      for (const entry of line) await leave(entry, 'removed');
      return 0;
    }
    let offered = 0;
    for (const entry of line) {
      // An offer written before a crash whose mail may not be: written again (the outbox keeps one).
      if (entry.status === 'offered') {
        await mailOffer(entry, found);
        continue;
      }
      const seatsNow = await freeSeats(found, sessionId);
      if (!seatsNow) break;
      // Seats the entry holds already (its offer's, taken before a crash) count as its own.
      const own = seatsNow.free < entry.quantity ? await seats.countHeld(entry._id, pool) : 0;
      if (entry.quantity > seatsNow.free + own) {
        if (seatsNow.free <= 0) break;
        continue;
      }
      if (await offer(entry, found, 'waitlist')) offered += 1;
    }
    return offered;
  }

  /** Closes an entry (left, removed, lapsed) and gives back any seats its offer held. */
  async function leave(entry: WaitlistEntry, status: 'left' | 'removed' | 'lapsed'): Promise<WaitlistEntry | null> {
    return exclusively(entry._id, async () => {
      const closed = await waitlist.close(entry._id, status, now());
      await seats.releaseIn(entry._id, entry.pool);
      catalog.forget(entry.courseId);
      return closed;
    });
  }

  /** Runs `offerFree` in the background (after seats freed on this instance); failures are logged, the sweep retries. */
  function nudge(courseId: string, sessionId?: string | null) {
    nudgePool(seatPool(courseId, sessionId));
  }

  function nudgePool(pool: string) {
    setImmediate(() => {
      offerFree(pool).catch((error: unknown) =>
        logger.warn('waiting list offer failed', { pool, error: (error as Error).message }),
      );
    });
  }

  return {
    view,
    offerFree,
    nudge,
    nudgePool,

    /** A student joins the line of a sold-out course or date: 201 with their place, or 409 when they wait already or seats are free. */
    async join(request: JoinRequest): Promise<WaitlistEntryView> {
      const found = forSale(await catalog.get(request.courseId));
      const session = bookableSession(found, request.sessionId, now());
      const sessionId = session?.sessionId ?? null;
      if (request.quantity > found.maxPerOrder) {
        throw errors.invalidRequest(`This course sells at most ${found.maxPerOrder} per purchase.`, {
          quantity: `must be at most ${found.maxPerOrder} for this course`,
        });
      }
      const seatsNow = await freeSeats(found, sessionId);
      if (!seatsNow || seatsNow.free >= request.quantity) {
        throw new AppError(409, 'not_sold_out', 'Seats are free: book them instead of waiting.', {
          seatsLeft: seatsNow?.free ?? null,
        });
      }
      const pool = seatPool(found.course.id, sessionId);
      const existing = await waitlist.findOpen(request.userId, pool);
      if (existing) throw alreadyWaiting(await view(existing));
      const at = now();
      const id = `wl_${randomBytes(12).toString('base64url')}`;
      const entry: WaitlistEntry = {
        _id: id,
        courseId: found.course.id,
        sessionId,
        pool,
        userId: request.userId,
        email: request.email ?? null,
        locale: request.locale ?? null,
        returnUrl: request.returnUrl,
        quantity: request.quantity,
        status: 'waiting',
        openKey: 'open',
        offer: null,
        // The student's address is kept for ATTENDEE_DATA_DAYS after the date (undated: the joining).
        retainFrom: session ? finishOf(session) : at,
        createdAt: at,
        updatedAt: at,
      };
      const inserted = await waitlist.insert(entry);
      if (!inserted) {
        const raced = await waitlist.findOpen(request.userId, pool);
        throw alreadyWaiting(raced ? await view(raced) : null);
      }
      return view(inserted);
    },

    /** The student's entries, open ones first. */
    async listOwn(userId: string): Promise<WaitlistEntryView[]> {
      const entries = await waitlist.listForUser(userId);
      const open = entries.filter((e) => e.status === 'waiting' || e.status === 'offered');
      return Promise.all([...open, ...entries.filter((e) => !open.includes(e))].map(view));
    },

    /** The student leaves a line (their offer's seats go to the next); another student's entry is not found. */
    async leaveOwn(userId: string, id: string): Promise<WaitlistEntryView> {
      const entry = await waitlist.find(id);
      if (!entry || entry.userId !== userId) throw entryNotFound();
      const closed = (await leave(entry, 'left')) ?? (await waitlist.find(id))!;
      nudge(entry.courseId, entry.sessionId);
      return view(closed);
    },

    /** The operator offers an entry its seats now, out of turn if need be (409 when too few are free). */
    async offerByHand(id: string, by: string): Promise<WaitlistEntryView> {
      const entry = await waitlist.find(id);
      if (!entry) throw entryNotFound();
      if (entry.status === 'waiting') {
        const found = await catalog.get(entry.courseId);
        if (!found || !(await offer(entry, found, by))) {
          throw new AppError(409, 'quantity_unavailable', 'Too few seats are free to offer this entry.');
        }
      } else if (entry.status !== 'offered') {
        throw new AppError(409, 'waitlist_closed', 'This entry has left the waiting list.');
      }
      return view((await waitlist.find(id))!);
    },

    /** The operator removes an entry (its offer's seats go to the next). */
    async remove(id: string): Promise<WaitlistEntryView> {
      const entry = await waitlist.find(id);
      if (!entry) throw entryNotFound();
      const closed = (await leave(entry, 'removed')) ?? entry;
      nudge(entry.courseId, entry.sessionId);
      return view(closed);
    },

    /**
     * The reconciler's sweep: offers whose time ran out lapse (their seats go back), then every pool
     * with someone waiting is offered what is free. Answers how many offers lapsed and were made.
     */
    async sweep(limit = 100): Promise<{ lapsed: number; offered: number }> {
      let lapsed = 0;
      for (const entry of await waitlist.listLapsed(now(), limit)) {
        if (await leave(entry, 'lapsed')) lapsed += 1;
      }
      let offered = 0;
      for (const pool of await waitlist.poolsWaiting(limit)) offered += await offerFree(pool);
      return { lapsed, offered };
    },

    /**
     * A create by a student who holds an offer for the pool: the held seats pass to the booking.
     * Answers the entry, to close once the booking holds its seats (`taken`) or to give them back
     * to (`giveBack`) when it does not; null without an offer.
     */
    async hold(userId: string, pool: string, bookingId: string): Promise<WaitlistEntry | null> {
      const entry = await waitlist.findOpen(userId, pool);
      if (!entry || entry.status !== 'offered') return null;
      return (await seats.transfer(entry._id, bookingId, pool)) > 0 ? entry : null;
    },
    async giveBack(entry: WaitlistEntry, bookingId: string): Promise<void> {
      await seats.transfer(bookingId, entry._id, entry.pool);
    },
    async taken(entry: WaitlistEntry): Promise<void> {
      await waitlist.close(entry._id, 'taken', now());
    },
  };
}

/** The waiting lists' interface. */
export type WaitingLists = ReturnType<typeof waitingLists>;

function alreadyWaiting(entry: WaitlistEntryView | null): AppError {
  return new AppError(409, 'already_waiting', 'You are on the waiting list for this already.', {
    ...(entry ? { entry } : {}),
  });
}

function entryNotFound(): AppError {
  return new AppError(404, 'waitlist_entry_not_found', 'No waiting list entry of yours has that id.');
}
