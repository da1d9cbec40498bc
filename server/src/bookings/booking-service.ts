import type { Catalog } from '../courses/catalog.js';
import { AppError, errors } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import type {
  BookingStore,
  EventStore,
  LockStore,
  OutboxStore,
  SeatStore,
  SessionDoc,
  SessionStore,
  WaitlistStore,
} from '../store/index.js';
import type { PageCursor } from '../store/page-cursor.js';
import { applyPaymentEvent, bookingOf, type ApplyDeps } from './apply-event.js';
import { withLock } from './booking-lock.js';
import { settledOrSettling, type BookingRecord } from './booking.js';
import { sessionCanceller } from './cancel-session.js';
import { bookingCreator } from './create-booking.js';
import { attendeeEditor } from './edit-attendees.js';
import { bookingMover } from './move-booking.js';
import { refundBooking, type RefundActor, type RefundAsked } from './refund-booking.js';
import { studentCanceller } from './student-cancel.js';
import type { CheckoutSession, PaymentGateway } from './payment-gateway.js';
import { movedByEvent, type EventOutcome, type PaymentEvent } from './payment-event.js';
import type { ReturnTickets } from './return-ticket.js';
import { courseOfPool, seatPool } from '../courses/course-sessions.js';
import { seatless, seatRules } from './seats.js';
import { sessionEvent } from './session-facts.js';
import { waitingLists } from './waitlist.js';
import { personalData } from './personal-data.js';

/** What the booking rules run on. No HTTP here. */
export interface BookingServiceDeps {
  bookings: BookingStore;
  events: EventStore;
  catalog: Catalog;
  gateway: PaymentGateway;
  allowedOrigins: string[];
  now?: () => Date;
  /** How long a Checkout Session accepts payment. */
  checkoutTtlMs?: number;
  tickets: ReturnTickets;
  /** Stripe's publishable key; embedded checkout needs it. */
  publishableKey?: string | undefined;
  /** A booking's lock unrenewed for this long (at most 10 s) is taken over: its holder died. */
  claimTimeoutMs?: number | undefined;
  locks: LockStore;
  seats: SeatStore;
  /** The dated sessions of courses (a cancelled one ends its bookings). */
  sessions: SessionStore;
  /** The waiting lists, and the outbox their offers are mailed through. */
  waitlist: WaitlistStore;
  outbox: OutboxStore;
  /** Writes a cancelled session's announcement to the outbox. */
  announceSession?: ((session: SessionDoc) => Promise<void>) | undefined;
  /** Where money sent back for want of a seat is reported to the operator. */
  logger?: Logger | undefined;
  /** How many days attendees' details are kept after their session or purchase (`ATTENDEE_DATA_DAYS`). */
  attendeeDataDays?: number | undefined;
}

export type { CreateBooking, CreatedBooking } from './create-booking.js';

/** How long after its hold ended a seat is settled by the sweep: its booking's own events come first. */
const seatGraceMs = 5 * 60_000;

/** Creates the booking service: the state machine and its rules. */
export function createBookingService(deps: BookingServiceDeps) {
  const { bookings, events, catalog, gateway } = deps;
  const now = deps.now ?? (() => new Date());
  const checkoutTtlMs = deps.checkoutTtlMs ?? 30 * 60_000;
  const claimTimeoutMs = deps.claimTimeoutMs ?? 60_000;
  const lockTtlMs = Math.min(claimTimeoutMs, 10_000);
  // Seats that go back are offered to those waiting for them, right away (the reconciler's sweep catches the rest).
  const seats = seatRules(deps.seats, catalog, now, (courseId, sessionId) => lines.nudge(courseId, sessionId));
  const applying: ApplyDeps = { bookings, seats, gateway, logger: deps.logger };
  /**
   * Applies an event with its booking locked (so concurrent events of one booking take turns, also
   * on servers whose updates are not atomic), records what it did, and gives the events parked for
   * that booking their turn.
   */
  async function apply(event: PaymentEvent, record?: (outcome: EventOutcome) => Promise<void>): Promise<EventOutcome> {
    let found = await bookingOf(bookings, event);
    let outcome: EventOutcome | undefined;
    for (let tries = 0; !outcome; tries += 1) {
      const locked = found;
      outcome = await exclusively(locked?.id ?? null, async () => {
        // An event with no booking yet may have gained one before the lock was taken (a payment
        // linked meanwhile). One that had a booking is applied under its lock: a session's booking
        // never changes, so its record is not read again (the booking itself is, under the lock).
        if (locked === null && tries < 3 && (found = await bookingOf(bookings, event)) !== null) return undefined;
        const done = await applyPaymentEvent(applying, event, now(), locked?.session);
        // What this event did first: a parked event looked up after it is never this one.
        await record?.(done);
        if (movedByEvent(done) && done.bookingId) await applyParked(done.bookingId, done.paymentIntentId);
        return done;
      });
    }
    // Parked for a payment not linked yet: a completion that looked for parked events just before may have linked it.
    if (outcome.outcome === 'parked' && !outcome.bookingId && outcome.paymentIntentId) {
      const linked = await bookings.findByPaymentIntent(outcome.paymentIntentId);
      if (linked) await exclusively(linked.id, () => applyParked(linked.id));
    }
    return outcome;
  }

  /** Runs `work` holding the booking's lock; waits a moment for another holder, then answers 503 so Stripe retries. */
  function exclusively<T>(bookingId: string | null, work: () => Promise<T>): Promise<T> {
    // (A create holds it too, while it takes the booking's seat and starts its next attempt.)
    if (!bookingId) return work();
    return withLock(deps.locks, `booking:${bookingId}`, now, { ttlMs: lockTtlMs }, work);
  }

  /**
   * Applies the parked events of a booking until none moves it any more (each may open the way for
   * another). `paymentIntentId`, when the caller knows it, spares the first round a read.
   */
  async function applyParked(bookingId: string, paymentIntentId?: string | null): Promise<void> {
    for (let round = 0; round < 10; round += 1) {
      const linked =
        round === 0 && paymentIntentId !== undefined
          ? paymentIntentId
          : ((await bookings.findById(bookingId))?.stripePaymentIntentId ?? null);
      const parked = await events.listParked(bookingId, linked);
      let moved = false;
      for (const { eventId, fact } of parked) {
        const outcome = await applyPaymentEvent(applying, fact, now());
        if (outcome.outcome === 'parked') {
          if (outcome.bookingId) await events.park(eventId, outcome, fact);
          continue;
        }
        await events.complete(eventId, outcome);
        moved ||= outcome.outcome === 'applied';
      }
      if (!moved) return;
    }
  }

  async function withTicket(id: string, caller: { ticket: string; origin: string | undefined }) {
    const attempt = deps.tickets.verify(id, caller.ticket, caller.origin);
    if (attempt === null) return null;
    const booking = await bookings.findById(id);
    return booking?.attempt === attempt ? booking : null;
  }

  async function settleFromSession(session: CheckoutSession): Promise<EventOutcome | null> {
    const event = sessionEvent(session);
    return event ? apply(event) : null;
  }

  const lines = waitingLists({
    waitlist: deps.waitlist,
    seats: deps.seats,
    catalog,
    outbox: deps.outbox,
    exclusively: (id, work) => withLock(deps.locks, `waitlist:${id}`, now, { ttlMs: lockTtlMs }, work),
    logger: deps.logger ?? createLogger('silent'),
    now,
  });

  const create = bookingCreator({
    bookings,
    catalog,
    gateway,
    allowedOrigins: deps.allowedOrigins,
    tickets: deps.tickets,
    publishableKey: deps.publishableKey,
    now,
    checkoutTtlMs,
    settle: settleFromSession,
    seats,
    exclusively,
    offers: lines,
  });

  const cancelling = sessionCanceller({
    bookings,
    sessions: deps.sessions,
    catalog,
    gateway,
    seats,
    exclusively,
    settle: settleFromSession,
    now,
    announce: deps.announceSession,
  });

  const moveBooking = bookingMover({ bookings, catalog, seats, exclusively, now });
  const own = studentCanceller({ bookings, catalog, gateway, seats, exclusively, now });
  const attendees = attendeeEditor({ bookings, catalog, now });
  const privacy = personalData({
    bookings,
    waitlist: deps.waitlist,
    outbox: deps.outbox,
    lines,
    keepDays: deps.attendeeDataDays ?? 90,
    now,
  });

  return {
    create,

    /** The waiting lists: join, leave, the operator's offers and removals, and the sweep. */
    waitlist: lines,

    /** Personal data: the retention sweep, and a student's download and erasure of their own. */
    personalData: privacy,

    /** What the owner may do with a booking now: cancel (what comes back, until when), move (until when). */
    ownTerms: own.termsOf,

    /** The student cancels their own paid booking within the course's policy; refunded as it says. */
    cancelOwn: own.cancel,

    /** The student moves their own paid booking to another date of its course, while the policy allows. */
    async moveOwn(userId: string, id: string, toSessionId: string) {
      if (!(await bookings.findForUser(userId, id))) throw errors.bookingNotFound();
      return moveBooking(id, toSessionId, 'student', own.checkMove);
    },

    /** The student changes who their booking's seats are for (and the answers), until the session starts. */
    editAttendees: attendees.edit,

    /** Until when a booking's attendees may change. */
    attendeesEditableUntil: attendees.editableUntil,

    /** The organiser cancels a dated session: its paid bookings are refunded once each and end `cancelled`. */
    cancelSession: cancelling.cancel,

    /** The operator refunds a booking's payment through Stripe: an amount up to what is left, or the rest. */
    refund: (id: string, by: RefundActor, asked: RefundAsked) =>
      refundBooking({ bookings, gateway, exclusively }, id, by, asked, now()),

    /** The invoice Stripe created for a booking's payment, with the page its customer reads it on. */
    async invoice(booking: BookingRecord) {
      if (!booking.stripeInvoiceId) throw new AppError(404, 'invoice_not_found', 'This booking has no invoice.');
      return gateway.retrieveInvoice(booking.stripeInvoiceId);
    },

    /** The operator moves a paid booking to another date of its course (seat-checked). */
    moveBooking: (id: string, toSessionId: string, by: string) => moveBooking(id, toSessionId, by),

    /** Finishes cancellations a crash or a slow payment left (the reconciler's sweep). */
    finishCancellations: cancelling.finishPending,

    /** The student's own booking; another student's is "not found". */
    async get(userId: string, id: string): Promise<BookingRecord> {
      const booking = await bookings.findForUser(userId, id);
      if (!booking) throw errors.bookingNotFound();
      return booking;
    },

    /** The student's bookings, newest first, a page at a time. */
    list: (userId: string, page: { cursor?: PageCursor | undefined; limit: number }) =>
      bookings.listForUser(userId, page),

    /** The student's bookings of the courses a page shows, in one read. */
    findForCourses: (userId: string, courseIds: string[]) => bookings.findByUserAndCourses(userId, courseIds),

    /**
     * Asks Stripe what became of the booking's session and applies it, as the webhook would. The
     * caller is its owner, or holds the return ticket of the booking's current attempt and shows it
     * from the site it was issued to.
     */
    async sync(caller: { userId: string } | { ticket: string; origin: string | undefined }, id: string) {
      const booking = 'userId' in caller ? await bookings.findForUser(caller.userId, id) : await withTicket(id, caller);
      if (!booking) throw errors.bookingNotFound();
      if (!booking.stripeSessionId) return booking;
      await settleFromSession(await gateway.retrieveCheckout(booking.stripeSessionId));
      return (await bookings.findById(id)) ?? booking;
    },

    /** Whether a return ticket is genuine for this booking and site (no database read). */
    isTicketGenuine: (id: string, ticket: string, origin: string | undefined) =>
      deps.tickets.verify(id, ticket, origin) !== null,

    /**
     * Applies a verified webhook event exactly once in effect, then records what it did. No claim
     * comes first: deliveries of one event take turns on its booking's lock, and a move already in
     * the booking's history is not made again, so a delivery that arrives while another applies it
     * (or after one that died half-way) applies it again harmlessly, and gives the events parked
     * behind it their turn. A failure is recorded and answered 5xx, so that Stripe delivers again.
     */
    async handleWebhook(event: PaymentEvent): Promise<{ duplicate: boolean; outcome: EventOutcome }> {
      let duplicate = false as boolean;
      try {
        // Recorded before the parked events get their turn: a crash then leaves those to the
        // reconciler's sweep, or to this event's next delivery.
        const outcome = await apply(event, async (done) => {
          duplicate = (await events.record(event, done, now())) === 'duplicate';
        });
        return { duplicate, outcome };
      } catch (error) {
        await events.fail(event.eventId, event.type, now(), failureReason(error)).catch(() => undefined);
        throw error;
      }
    },

    settleFromSession,

    /**
     * Gives the bookings a course sold before it had a seat limit their seats: paid, processing and
     * disputed ones keep one, open checkouts hold one until they expire. Answers how many got a
     * seat, and how many found none (the limit is below what was already sold).
     */
    async seatExisting(courseId: string): Promise<{ seated: number; unseated: number }> {
      const counts = { seated: 0, unseated: 0 };
      for await (const booking of bookings.ofCourse(courseId, [...settledOrSettling, 'pending'])) {
        const until = booking.paymentStatus === 'pending' ? booking.checkoutExpiresAt : null;
        const seated = await exclusively(booking.id, () => seats.take(booking, until));
        counts[seated ? 'seated' : 'unseated'] += 1;
      }
      return counts;
    },

    /**
     * Settles seats whose hold ended a while ago (the reconciler's sweep, after a crash): a seat of a
     * booking never inserted, or of one that ended without paying, goes back; a booking that paid
     * keeps its seat. One still pending is left to the reconciler's check with Stripe, which ends it.
     */
    async sweepSeats(at: Date, limit: number): Promise<number> {
      let settled = 0;
      for (const seat of await deps.seats.listLapsed(new Date(at.getTime() - seatGraceMs), limit)) {
        const changed = await exclusively(seat.bookingId, async () => {
          const booking = await bookings.findById(seat.bookingId);
          // Not the booking's to keep: it was never written, it ended without paying, or the seat is
          // in a pool the booking is not in (a move that stopped half-way, to or from here).
          if (
            !booking ||
            seatless.includes(booking.paymentStatus) ||
            seat.courseId !== seatPool(booking.courseId, booking.sessionId)
          ) {
            await deps.seats.releaseSeat(seat._id, seat.bookingId);
            catalog.forget(booking?.courseId ?? courseOfPool(seat.courseId));
            lines.nudgePool(seat.courseId);
          } else if (booking.paymentStatus !== 'pending') await seats.take(booking, null);
          else return false;
          return true;
        });
        if (changed) settled += 1;
      }
      return settled;
    },

    /** Applies a fact read from Stripe (the reconciler's), as a webhook's would be. */
    applyFact: (fact: PaymentEvent) => apply(fact),

    /** Gives every parked event another turn, a page at a time (the reconciler's sweep after a crash). */
    async retryParked(afterId: string, limit: number): Promise<{ next: string | null; applied: number }> {
      const page = await events.listParkedPage(afterId, limit);
      let applied = 0;
      for (const { eventId, fact } of page) {
        const outcome = await apply(fact, async (done) => {
          if (done.outcome !== 'parked') await events.complete(eventId, done);
        });
        if (outcome.outcome === 'applied') applied += 1;
      }
      return { next: page.length === limit ? page[page.length - 1]!.eventId : null, applied };
    },
  };
}

/** The booking service's interface. */
export type BookingService = ReturnType<typeof createBookingService>;

/** Why applying an event failed, in a word for the webhook log: the error's code, or `internal_error`. */
function failureReason(error: unknown): string {
  return error instanceof AppError ? error.code : 'internal_error';
}
