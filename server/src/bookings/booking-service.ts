import { randomBytes } from 'node:crypto';
import type { Course, CreateBookingResponse } from '../contract.js';
import type { Catalog } from '../courses/catalog.js';
import { AppError, errors } from '../errors.js';
import type { BookingStore, EventStore } from '../store/index.js';
import { restartable, type Booking, type CheckoutMode, type HistoryEntry, type PaymentStatus } from './booking.js';
import { applyPaymentEvent } from './apply-event.js';
import { toBookingView } from './booking-view.js';
import type { CheckoutSession, PaymentGateway } from './payment-gateway.js';
import type { EventOutcome, PaymentEvent } from './payment-event.js';
import type { ReturnTickets } from './return-ticket.js';
import { checkReturnUrl, resultUrl } from './return-url.js';
import { sessionEvent } from './session-facts.js';

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
}

/** A request to book and pay. */
export interface CreateBooking {
  userId: string;
  courseId: string;
  returnUrl: string;
  mode: CheckoutMode;
}

/** The outcome of a create: a new session (201) or the open one again (200). */
export interface CreatedBooking {
  created: boolean;
  booking: Booking;
  checkout: CreateBookingResponse['checkout'];
}

/** A session still this far from expiry is handed out again rather than replaced. */
const reuseMarginMs = 2 * 60_000;
/** The reconciler first asks Stripe about a new attempt this long after it starts, in case its webhook is lost. */
export const firstCheckMs = 2 * 60_000;
/** A claim on an event older than this is taken over: the delivery that held it died. */
const staleClaimMs = 60_000;

/** Creates the booking service: the state machine and its rules. */
export function createBookingService(deps: BookingServiceDeps) {
  const { bookings, events, catalog, gateway, allowedOrigins } = deps;
  const now = deps.now ?? (() => new Date());
  const checkoutTtlMs = deps.checkoutTtlMs ?? 30 * 60_000;
  /** Applies an event; when it moves a booking, the events parked for that booking get their turn. */
  async function apply(event: PaymentEvent): Promise<EventOutcome> {
    const outcome = await applyPaymentEvent(bookings, event, now());
    if (outcome.outcome === 'applied' && outcome.bookingId) await applyParked(outcome.bookingId);
    return outcome;
  }

  /** Applies the parked events of a booking until none moves it any more (each may open the way for another). */
  async function applyParked(bookingId: string): Promise<void> {
    for (let round = 0; round < 10; round += 1) {
      const booking = await bookings.findById(bookingId);
      const parked = await events.listParked(bookingId, booking?.stripePaymentIntentId ?? null);
      let moved = false;
      for (const { eventId, fact } of parked) {
        const outcome = await applyPaymentEvent(bookings, fact, now());
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

  async function create(request: CreateBooking): Promise<CreatedBooking> {
    const found = await catalog.get(request.courseId);
    if (!found) throw errors.courseNotFound();
    const returnUrl = checkReturnUrl(request.returnUrl, allowedOrigins);
    if (request.mode === 'embedded' && !deps.publishableKey) {
      throw new AppError(400, 'embedded_unavailable', 'Embedded checkout is not configured on this server.');
    }
    const expiresAt = new Date(now().getTime() + checkoutTtlMs);
    const attemptFields = {
      checkout: { mode: request.mode, returnUrl: returnUrl.toString(), expiresAt },
      checkoutExpiresAt: expiresAt,
      reconcileAt: new Date(now().getTime() + firstCheckMs),
      reconcileChecks: 0,
      amount: found.course.price,
      currency: found.course.currency,
      courseTitle: found.course.title,
      siteOrigin: returnUrl.origin,
    };

    // A few rounds at most: each lost race re-reads what the winner wrote.
    for (let round = 0; round < 4; round += 1) {
      let booking = await bookings.findByUserAndCourse(request.userId, request.courseId);
      if (!booking) {
        booking = await bookings.insert(newBooking(request, attemptFields, now()));
        if (!booking) continue;
      }
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
      if (booking.paymentStatus === 'pending' && isReusable(booking, request.mode, now())) {
        if (booking.stripeSessionId)
          return { created: false, booking, checkout: checkoutOf(booking, deps.publishableKey) };
        const started = await openSession(booking, found.course);
        if (started) return started;
        continue;
      }
      if (booking.paymentStatus === 'pending' && booking.stripeSessionId) {
        // The open session is for another mode or about to expire: close it before starting anew.
        const closed = await gateway.expireCheckout(booking.stripeSessionId);
        if (closed.status === 'complete') {
          await settleFromSession(closed);
          continue;
        }
      }
      const from: PaymentStatus[] = booking.paymentStatus === 'pending' ? ['pending'] : restartable;
      if (!from.includes(booking.paymentStatus)) continue;
      const next = await bookings.startAttempt(
        booking.id,
        booking.attempt,
        from,
        attemptFields,
        entry('pending', 'booking.attempt', `attempt_${booking.id}_${booking.attempt + 1}`, now()),
      );
      if (!next) continue;
      const started = await openSession(next, found.course);
      if (started) return started;
    }
    throw new AppError(409, 'conflict', 'This booking changed while it was being created; try again.');
  }

  /** Creates (or, with the same idempotency key, fetches again) the session of the booking's current attempt. */
  async function openSession(booking: Booking, course: Course): Promise<CreatedBooking | null> {
    const ticket = deps.tickets.issue(
      { bookingId: booking.id, attempt: booking.attempt, siteOrigin: booking.siteOrigin },
      booking.checkout.expiresAt,
    );
    const session = await gateway.createCheckout({
      bookingId: booking.id,
      userId: booking.userId,
      idempotencyKey: `booking_${booking.id}_attempt_${booking.attempt}`,
      mode: booking.checkout.mode,
      courseId: course.id,
      title: booking.courseTitle,
      amount: booking.amount,
      currency: booking.currency,
      successUrl: resultUrl(booking.checkout.returnUrl, booking.id, 'success', ticket),
      cancelUrl: resultUrl(booking.checkout.returnUrl, booking.id, 'cancel', ticket),
      returnUrl: resultUrl(booking.checkout.returnUrl, booking.id, 'success', ticket),
      expiresAt: booking.checkout.expiresAt,
    });
    const attached = await bookings.attachSession(booking.id, {
      id: session.id,
      attempt: booking.attempt,
      amount: booking.amount,
      currency: booking.currency,
      url: session.url,
      clientSecret: session.clientSecret,
    });
    if (!attached) return null;
    return { created: true, booking: attached, checkout: checkoutOf(attached, deps.publishableKey) };
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

  return {
    create,

    /** The student's own booking; another student's is "not found". */
    async get(userId: string, id: string): Promise<Booking> {
      const booking = await bookings.findForUser(userId, id);
      if (!booking) throw errors.bookingNotFound();
      return booking;
    },

    list: (userId: string) => bookings.listForUser(userId),

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
     * Applies a verified webhook event exactly once in effect. The event id is claimed first (a unique
     * index decides between concurrent deliveries); a failure gives the claim back and answers 5xx so
     * that Stripe delivers again.
     */
    async handleWebhook(event: PaymentEvent): Promise<{ duplicate: boolean; outcome?: EventOutcome }> {
      const claim = await events.claim(event.eventId, event.type, now(), staleClaimMs);
      if (claim === 'done') return { duplicate: true };
      // Another delivery is applying it, or died doing so: only a finished event is a duplicate.
      if (claim === 'in_progress') throw errors.eventInProgress();
      try {
        const outcome = await applyPaymentEvent(bookings, event, now());
        if (outcome.outcome === 'parked') await events.park(event.eventId, outcome, event);
        else await events.complete(event.eventId, outcome);
        // Recorded first: a crash from here on leaves the parked events to the reconciler.
        if (outcome.outcome === 'applied' && outcome.bookingId) await applyParked(outcome.bookingId);
        return { duplicate: false, outcome };
      } catch (error) {
        await events.release(event.eventId).catch(() => undefined);
        throw error;
      }
    },

    settleFromSession,

    /** Applies a fact read from Stripe (the reconciler's), as a webhook's would be. */
    applyFact: (fact: PaymentEvent) => apply(fact),

    /** Gives every parked event another turn, a page at a time (the reconciler's sweep after a crash). */
    async retryParked(afterId: string, limit: number): Promise<{ next: string | null; applied: number }> {
      const page = await events.listParkedPage(afterId, limit);
      let applied = 0;
      for (const { eventId, fact } of page) {
        const outcome = await applyPaymentEvent(bookings, fact, now());
        if (outcome.outcome === 'parked') continue;
        await events.complete(eventId, outcome);
        if (outcome.outcome === 'applied' && outcome.bookingId) {
          applied += 1;
          await applyParked(outcome.bookingId);
        }
      }
      return { next: page.length === limit ? page[page.length - 1]!.eventId : null, applied };
    },
  };
}

/** The booking service's interface. */
export type BookingService = ReturnType<typeof createBookingService>;

function isReusable(booking: Booking, mode: CheckoutMode, at: Date): boolean {
  return booking.checkout.mode === mode && booking.checkoutExpiresAt.getTime() - at.getTime() > reuseMarginMs;
}

function checkoutOf(booking: Booking, publishableKey: string | undefined): CreatedBooking['checkout'] {
  const { url, clientSecret } = booking.checkout;
  if (booking.checkout.mode === 'embedded' && clientSecret && publishableKey) {
    return { clientSecret, publishableKey, ...(url ? { frameUrl: url } : {}) };
  }
  if (booking.checkout.mode === 'redirect' && url) return { url };
  throw errors.paymentsUnavailable('The checkout could not be opened; try again.');
}

function newBooking(
  request: CreateBooking,
  fields: Omit<
    Booking,
    | 'id'
    | 'userId'
    | 'courseId'
    | 'paymentStatus'
    | 'stripeSessionId'
    | 'sessions'
    | 'stripePaymentIntentId'
    | 'attempt'
    | 'history'
    | 'createdAt'
    | 'updatedAt'
  >,
  at: Date,
): Booking {
  const id = `bk_${randomBytes(12).toString('base64url')}`;
  return {
    id,
    userId: request.userId,
    courseId: request.courseId,
    paymentStatus: 'pending',
    stripeSessionId: null,
    sessions: [],
    stripePaymentIntentId: null,
    attempt: 1,
    history: [entry('pending', 'booking.created', `attempt_${id}_1`, at)],
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

function entry(status: Booking['paymentStatus'], type: string, eventId: string, at: Date): HistoryEntry {
  return { status, type, eventId, at };
}
