import { randomBytes } from 'node:crypto';
import type { Attendee, Course, CreateBookingResponse } from '../../../common/contract.js';
import type { CachedCourse, Catalog } from '../courses/catalog.js';
import { AppError, errors } from '../errors.js';
import { forSale } from '../http/course-response.js';
import { finishOf, type BookingStore } from '../store/index.js';
import {
  restartable,
  type AttemptFields,
  type BookingRecord,
  type CheckoutMode,
  type HistoryEntry,
  type PaymentStatus,
} from './booking.js';
import { toBookingView } from './booking-view.js';
import type { CheckoutRequest, CheckoutSession, PaymentGateway } from './payment-gateway.js';
import type { ReturnTickets } from './return-ticket.js';
import { checkReturnUrl, resultUrl } from './return-url.js';
import { orderOf, sameOrder, type Order } from './order.js';
import { capacityOf, type SeatRules } from './seats.js';
import type { WaitingLists } from './waitlist.js';
import { seatPool } from '../courses/course-sessions.js';
import { sessionLabel } from './session-label.js';
import { bookableSession } from './session-rules.js';
import type { Tracking } from '../../../common/contract.js';

/** A request to book and pay. */
export interface CreateBooking {
  userId: string;
  courseId: string;
  returnUrl: string;
  mode: CheckoutMode;
  /** The student's address, when their sign-in carries one: Stripe sends the receipt there. */
  email?: string | undefined;
  /** The host page's language: Checkout speaks it. */
  locale?: string | undefined;
  /** The dated session to book: required for a course sold on dates. */
  sessionId?: string | undefined;
  /** How many seats, up to the course's `maxPerOrder`; absent: the booking's own, or 1. */
  quantity?: number | undefined;
  /** Who each seat is for, with their answers; absent: the booking's own, or none. */
  attendees?: Attendee[] | undefined;
  /** Where the student came from: kept on the booking, and in its Checkout Sessions' metadata. */
  tracking?: Tracking | undefined;
}

/** The outcome of a create: a new session (201), the open one again (200), or a free booking confirmed (201, no checkout). */
export interface CreatedBooking {
  created: boolean;
  booking: BookingRecord;
  checkout?: CreateBookingResponse['checkout'];
}

/** What creating a booking runs on. */
export interface CreateDeps {
  bookings: BookingStore;
  catalog: Catalog;
  gateway: PaymentGateway;
  allowedOrigins: string[];
  tickets: ReturnTickets;
  publishableKey: string | undefined;
  now: () => Date;
  checkoutTtlMs: number;
  /** Applies what a session that completed meanwhile says (the money arrived). */
  settle: (session: CheckoutSession) => Promise<unknown>;
  seats: SeatRules;
  /** Runs `work` holding the booking's lock, as events are applied: seats change only so. */
  exclusively: <T>(bookingId: string, work: () => Promise<T>) => Promise<T>;
  /** A waiting list's offer the student holds: its seats pass to the booking. */
  offers: Pick<WaitingLists, 'hold' | 'giveBack' | 'taken'>;
}

/** What every attempt of a create sets, before its order (the seats and attendees) is known. */
type AttemptBase = Omit<AttemptFields, keyof Order>;

/** A session still this far from expiry is handed out again rather than replaced. */
const reuseMarginMs = 2 * 60_000;
/** The reconciler first asks Stripe about a new attempt this long after it starts, in case its webhook is lost. */
export const firstCheckMs = 2 * 60_000;

/**
 * Book & Pay: finds or creates the student's one booking of the course and hands out its one open
 * Checkout Session, or starts a new attempt with a new one. However requests race (two tabs, a
 * double click, two modes), at most one session of a booking stays open: a session that lost the
 * race to be recorded is expired, and a new attempt starts only from the session it replaces.
 */
export function bookingCreator(deps: CreateDeps) {
  const { bookings, catalog, gateway, now } = deps;

  async function create(request: CreateBooking): Promise<CreatedBooking> {
    const found = forSale(await catalog.get(request.courseId));
    const session = bookableSession(found, request.sessionId, now());
    const returnUrl = checkReturnUrl(request.returnUrl, deps.allowedOrigins);
    const free = found.course.price === 0;
    if (request.mode === 'embedded' && !deps.publishableKey && !free) {
      throw new AppError(400, 'embedded_unavailable', 'Embedded checkout is not configured on this server.');
    }
    const expiresAt = new Date(now().getTime() + deps.checkoutTtlMs);
    const attemptFields: AttemptBase = {
      checkout: {
        mode: request.mode,
        returnUrl: returnUrl.toString(),
        customerEmail: request.email,
        locale: request.locale,
        allowPromotionCodes: found.allowPromotionCodes,
        invoiceCreation: found.invoiceCreation,
        taxIdCollection: found.taxIdCollection,
      },
      checkoutExpiresAt: expiresAt,
      reconcileAt: new Date(now().getTime() + firstCheckMs),
      reconcileChecks: 0,
      amountPaid: free ? 0 : null,
      currency: found.course.currency,
      courseTitle: found.course.title,
      siteOrigin: returnUrl.origin,
      // Attendees' details are kept for ATTENDEE_DATA_DAYS after the session (undated: the purchase).
      retainFrom: session ? finishOf(session) : now(),
    };
    const dated = { ...request, sessionId: session?.sessionId };
    return free ? confirmFree(dated, found, attemptFields) : book(dated, found, attemptFields);
  }

  /** A paid course: the booking's open Checkout Session, or a new attempt with a new one. */
  async function book(request: CreateBooking, found: CachedCourse, base: AttemptBase) {
    const seatUntil = capacityOf(found, request.sessionId) === null ? null : base.checkoutExpiresAt;

    // A few rounds at most: each lost race waits a moment and re-reads what the winner wrote.
    const owner = randomBytes(8).toString('hex');
    for (let round = 0; round < 8; round += 1) {
      // Doubling waits, 1.4 s in all: the winner may be waiting on Stripe.
      if (round > 0) await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** (round - 1), 400)));
      let booking = await bookings.findByUserAndCourse(request.userId, request.courseId, request.sessionId ?? null);
      if (!booking) {
        booking = await insertSeated(
          newBooking(request, { ...base, ...orderOf(request, null, found) }, now()),
          seatUntil,
          capacityOf(found, request.sessionId) !== null,
        );
        if (!booking) continue;
      }
      refuseSettled(booking);
      const attemptFields: AttemptFields = { ...base, ...orderOf(request, booking, found) };
      if (booking.paymentStatus === 'pending' && isReusable(booking, attemptFields, now())) {
        // The same seats: the open session serves them; new names and answers are kept.
        if (!sameOrder(attemptFields, booking)) {
          booking = (await bookings.setAttendees(booking.id, attemptFields.attendees ?? null, now())) ?? booking;
        }
        if (booking.stripeSessionId) return { created: false, booking, checkout: checkoutOf(booking) };
        const started = await openSession(booking, found.course);
        if (started) return started;
        continue;
      }
      const from: PaymentStatus[] = booking.paymentStatus === 'pending' ? ['pending'] : restartable;
      if (!from.includes(booking.paymentStatus)) continue;
      // The new attempt's seats: as many as this request asks for.
      const current = { ...booking, quantity: attemptFields.quantity };
      const { next, paidMeanwhile } = await withSeat(current, found, seatUntil, () =>
        startNextAttempt(current, from, attemptFields, owner, found.course),
      );
      // Its session completed while it was being closed: settled outside the booking's lock.
      if (paidMeanwhile) await deps.settle(paidMeanwhile);
      if (!next) continue;
      const started = await openSession(next, found.course);
      if (started) return started;
    }
    throw changedMeanwhile();
  }

  /**
   * A free course: the booking is confirmed at once, with no Checkout Session, still one per
   * student and still taking a seat. A booking with an open session (the course was made free
   * meanwhile) closes it first, and one that completed meanwhile stays paid.
   */
  async function confirmFree(request: CreateBooking, found: CachedCourse, base: AttemptBase): Promise<CreatedBooking> {
    const owner = randomBytes(8).toString('hex');
    for (let round = 0; round < 8; round += 1) {
      if (round > 0) await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** (round - 1), 400)));
      const booking = await bookings.findByUserAndCourse(request.userId, request.courseId, request.sessionId ?? null);
      if (!booking) {
        const fresh = newBooking(request, { ...base, ...orderOf(request, null, found) }, now(), 'paid');
        const inserted = await insertSeated(fresh, null, capacityOf(found, request.sessionId) !== null);
        if (inserted) return { created: true, booking: inserted };
        continue;
      }
      refuseSettled(booking);
      const attemptFields: AttemptFields = { ...base, ...orderOf(request, booking, found) };
      const from: PaymentStatus[] = booking.paymentStatus === 'pending' ? ['pending'] : restartable;
      if (!from.includes(booking.paymentStatus)) continue;
      const confirmed = await deps.exclusively(booking.id, async () => {
        const seated = { ...booking, quantity: attemptFields.quantity };
        if (!(await deps.seats.take(seated, null))) throw await deps.seats.refusal(seated);
        const attempt = booking.attempt + 1;
        if (!(await bookings.claimAttempt(booking.id, attempt, owner, now()))) return null;
        if (booking.paymentStatus === 'pending' && booking.stripeSessionId) {
          const closed = await gateway.expireCheckout(booking.stripeSessionId);
          if (closed.status === 'complete') {
            await bookings.releaseAttempt(booking.id, attempt);
            return null; // settled below, outside this booking's lock
          }
        }
        return startClaimed(
          booking,
          from,
          entry('paid', 'booking.free', `attempt_${booking.id}_${attempt}`, now()),
          attemptFields,
        );
      });
      if (confirmed) return { created: true, booking: confirmed };
      if (booking.stripeSessionId) await deps.settle(await gateway.retrieveCheckout(booking.stripeSessionId));
    }
    throw changedMeanwhile();
  }

  /** Inserts a new booking with its seat taken first; null when the student's booking was inserted meanwhile. */
  async function insertSeated(
    fresh: BookingRecord,
    seatUntil: Date | null,
    limited: boolean,
  ): Promise<BookingRecord | null> {
    // Only a course with a seat limit has a waiting list, and so offers.
    const offer = limited
      ? await deps.offers.hold(fresh.userId, seatPool(fresh.courseId, fresh.sessionId), fresh.id)
      : null;
    if (!(await deps.seats.take(fresh, seatUntil))) {
      if (offer) await deps.offers.giveBack(offer, fresh.id);
      throw await deps.seats.refusal(fresh);
    }
    const inserted = await bookings.insert(fresh);
    // Inserted meanwhile by another request: the seats go back (an offer's to its entry, for that booking to take).
    if (!inserted && offer) await deps.offers.giveBack(offer, fresh.id);
    else if (!inserted) await deps.seats.release(fresh);
    else if (offer) await deps.offers.taken(offer);
    return inserted;
  }

  /**
   * Runs the start of a new attempt under the booking's lock, with its seat held when the course has
   * a seat limit. The lock also keeps the replaced session's expiry (its webhook) waiting until the
   * new attempt is the booking's: it then moves nothing, and the booking is never `expired` between.
   */
  async function withSeat<T>(booking: BookingRecord, found: CachedCourse, until: Date | null, start: () => Promise<T>) {
    return deps.exclusively(booking.id, async () => {
      if (capacityOf(found, booking.sessionId) !== null) {
        const offer = await deps.offers.hold(booking.userId, seatPool(booking.courseId, booking.sessionId), booking.id);
        if (!(await deps.seats.take(booking, until))) {
          if (offer) await deps.offers.giveBack(offer, booking.id);
          throw await deps.seats.refusal(booking);
        }
        if (offer) await deps.offers.taken(offer);
      }
      return start();
    });
  }

  /**
   * Starts the attempt after the one read. One request wins the new attempt's unique claim, which
   * holds on servers whose conditional updates are not atomic (FerretDB 1.x), and it first closes
   * the replaced attempt's session: so every session but the newest attempt's is closed.
   */
  async function startNextAttempt(
    booking: BookingRecord,
    from: PaymentStatus[],
    fields: AttemptFields,
    owner: string,
    course: Course,
  ): Promise<{ next: BookingRecord | null; paidMeanwhile?: CheckoutSession }> {
    const attempt = booking.attempt + 1;
    if (!(await bookings.claimAttempt(booking.id, attempt, owner, now()))) return { next: null };
    if (booking.paymentStatus === 'pending') {
      // Another mode, or about to expire. Its session may still be being created: the same idempotency key finds it.
      const sessionId = booking.stripeSessionId ?? (await createSession(booking, course)).id;
      const closed = await gateway.expireCheckout(sessionId);
      if (closed.status === 'complete') {
        await bookings.releaseAttempt(booking.id, attempt);
        return { next: null, paidMeanwhile: closed };
      }
    }
    const first = entry('pending', 'booking.attempt', `attempt_${booking.id}_${attempt}`, now());
    return { next: await startClaimed(booking, from, first, fields) };
  }

  /** Starts the attempt after the booking's, whose claim the caller holds; gives the claim back if the booking moved meanwhile. */
  async function startClaimed(
    booking: BookingRecord,
    from: PaymentStatus[],
    first: HistoryEntry,
    fields: AttemptFields,
  ) {
    const next = await bookings.startAttempt({ id: booking.id, attempt: booking.attempt, from }, first, fields);
    if (!next) await bookings.releaseAttempt(booking.id, booking.attempt + 1);
    return next;
  }

  /** Creates the attempt's session (or finds it again, by its idempotency key) and records it as the booking's own. */
  async function createSession(booking: BookingRecord, course: Course) {
    const session = await gateway.createCheckout(checkoutRequest(booking, course));
    const record = {
      id: session.id,
      bookingId: booking.id,
      attempt: booking.attempt,
      amount: booking.amount,
      currency: booking.currency,
    };
    await bookings.recordSession(record);
    return { ...session, record };
  }

  /** Everything a booking's current attempt's Checkout Session is made from: equal for every request of the attempt. */
  function checkoutRequest(booking: BookingRecord, course: Course): CheckoutRequest {
    const ticket = deps.tickets.issue(
      { bookingId: booking.id, attempt: booking.attempt, siteOrigin: booking.siteOrigin },
      booking.checkoutExpiresAt,
    );
    return {
      bookingId: booking.id,
      userId: booking.userId,
      idempotencyKey: `booking_${booking.id}_attempt_${booking.attempt}`,
      mode: booking.checkout.mode,
      courseId: course.id,
      ...(booking.sessionId ? { sessionId: booking.sessionId } : {}),
      title: titleOf(booking, course),
      unitAmount: booking.amount / booking.quantity,
      quantity: booking.quantity,
      currency: booking.currency,
      allowPromotionCodes: booking.checkout.allowPromotionCodes ?? false,
      invoiceCreation: booking.checkout.invoiceCreation ?? false,
      taxIdCollection: booking.checkout.taxIdCollection ?? false,
      ...(booking.tracking ? { tracking: booking.tracking } : {}),
      customerEmail: booking.checkout.customerEmail,
      locale: booking.checkout.locale,
      successUrl: resultUrl(booking.checkout.returnUrl, booking.id, 'success', ticket),
      cancelUrl: resultUrl(booking.checkout.returnUrl, booking.id, 'cancel', ticket),
      returnUrl: resultUrl(booking.checkout.returnUrl, booking.id, 'success', ticket),
      expiresAt: booking.checkoutExpiresAt,
    };
  }

  /** Creates (or, with the same idempotency key, fetches again) the session of the booking's current attempt. */
  async function openSession(booking: BookingRecord, course: Course): Promise<CreatedBooking | null> {
    const session = await createSession(booking, course);
    const attached = await bookings.attachSession({
      ...session.record,
      url: session.url,
      clientSecret: session.clientSecret,
    });
    if (attached) return { created: true, booking: attached, checkout: checkoutOf(attached) };
    // Another request moved the booking to a newer attempt: this session must not take money.
    const closed = await gateway.expireCheckout(session.id);
    if (closed.status === 'complete') await deps.settle(closed);
    return null;
  }

  function checkoutOf(booking: BookingRecord): CreatedBooking['checkout'] {
    const { url, clientSecret } = booking.checkout;
    if (booking.checkout.mode === 'embedded' && clientSecret && deps.publishableKey) {
      return { clientSecret, publishableKey: deps.publishableKey, ...(url ? { frameUrl: url } : {}) };
    }
    if (booking.checkout.mode === 'redirect' && url) return { url };
    throw errors.paymentsUnavailable('The checkout could not be opened; try again.');
  }

  return create;
}

function refuseSettled(booking: BookingRecord): void {
  if (booking.paymentStatus === 'paid' || booking.paymentStatus === 'disputed') {
    throw new AppError(409, 'already_booked', 'You have already booked this course.', {
      booking: toBookingView(booking),
    });
  }
  if (booking.paymentStatus === 'processing') {
    throw new AppError(409, 'payment_processing', 'Your payment for this course is being processed.', {
      booking: toBookingView(booking),
    });
  }
}

function changedMeanwhile(): AppError {
  return new AppError(409, 'conflict', 'This booking changed while it was being created; try again.');
}

/**
 * Whether the open session serves this request: as many seats, the same mode, returning to the same page (Stripe
 * keeps a session's return address, so resuming from another page, such as the dashboard, starts
 * an attempt that returns there), and not about to expire.
 */
function isReusable(booking: BookingRecord, wanted: AttemptFields, at: Date): boolean {
  return (
    booking.checkout.mode === wanted.checkout.mode &&
    booking.checkout.returnUrl === wanted.checkout.returnUrl &&
    booking.quantity === wanted.quantity &&
    booking.checkoutExpiresAt.getTime() - at.getTime() > reuseMarginMs
  );
}

function newBooking(
  request: CreateBooking,
  fields: AttemptFields,
  at: Date,
  status: 'pending' | 'paid' = 'pending',
): BookingRecord {
  const id = `bk_${randomBytes(12).toString('base64url')}`;
  return {
    id,
    userId: request.userId,
    courseId: request.courseId,
    sessionId: request.sessionId ?? null,
    ...(request.tracking && Object.keys(request.tracking).length > 0 ? { tracking: request.tracking } : {}),
    paymentStatus: status,
    stripeSessionId: null,
    stripePaymentIntentId: null,
    attempt: 1,
    history: [entry(status, status === 'paid' ? 'booking.free' : 'booking.created', `attempt_${id}_1`, at)],
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

/** The line item's name: the course, and for a dated session its start in the student's language and its zone. */
function titleOf(booking: BookingRecord, course: Course): string {
  const session = booking.sessionId ? course.sessions?.find((s) => s.id === booking.sessionId) : undefined;
  if (!session) return booking.courseTitle;
  return `${booking.courseTitle} · ${sessionLabel(session.startsAt, session.timeZone, booking.checkout.locale)}`;
}

function entry(status: PaymentStatus, type: string, eventId: string, at: Date): HistoryEntry {
  return { status, type, eventId, at };
}
