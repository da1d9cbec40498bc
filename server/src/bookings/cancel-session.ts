import type { Catalog } from '../courses/catalog.js';
import { errors } from '../errors.js';
import type { BookingStore, SessionDoc, SessionStore } from '../store/index.js';
import { refundedSoFar, type BookingRecord, type Cancellation } from './booking.js';
import type { CheckoutSession, PaymentGateway } from './payment-gateway.js';
import type { SeatRules } from './seats.js';

/** What cancelling a session runs on: the stores, Stripe, and the booking service's lock and settling. */
export interface SessionCancelDeps {
  bookings: BookingStore;
  sessions: SessionStore;
  catalog: Catalog;
  gateway: Pick<PaymentGateway, 'refundPayment' | 'retrieveCheckout' | 'expireCheckout'>;
  seats: SeatRules;
  /** Runs `work` holding the booking's lock. */
  exclusively: <T>(bookingId: string, work: () => Promise<T>) => Promise<T>;
  /** Applies what Stripe says of a Checkout Session, as its webhook would (it takes the booking's lock itself). */
  settle: (session: CheckoutSession) => Promise<unknown>;
  now: () => Date;
  /** Writes the session's cancellation to the outbox (for the operator's webhooks), before it is recorded finished. */
  announce?: ((session: SessionDoc) => Promise<void>) | undefined;
}

/** A booking a cancelled session ended, and what went back. */
export interface SessionRefund {
  bookingId: string;
  amountRefunded: number;
  currency: string;
  refundId: string | null;
}

/** States whose booking a cancelled session still has to end. */
const ending = ['pending', 'processing', 'paid'] as const;

/**
 * The organiser's cancellation of a dated session. The session is marked cancelled first (it leaves
 * the widget at once, and no seat of it can be taken or kept any more), then each of its bookings
 * ends under its own lock: a paid one is refunded in full through Stripe, with an idempotency key of
 * the booking and its payment (so a second press, or a run after a crash, never refunds twice), and
 * moves to `cancelled` with what went back; an open checkout is closed (money that still arrives
 * finds no seat and goes back); a delayed payment settles first. The session stays pending until
 * every booking has ended; the reconciler finishes what a crash or a slow payment left.
 */
export function sessionCanceller(deps: SessionCancelDeps) {
  const { bookings, sessions, catalog, gateway, seats, now } = deps;

  /** Ends one booking of a cancelled session; true while it cannot end yet (its payment is under way). */
  async function endBooking(found: BookingRecord, session: SessionDoc): Promise<boolean> {
    if (found.paymentStatus === 'pending' && found.stripeSessionId) {
      let checkout = await gateway.retrieveCheckout(found.stripeSessionId);
      if (checkout.status === 'open') checkout = await gateway.expireCheckout(checkout.id);
      await deps.settle(checkout);
    }
    return deps.exclusively(found.id, async () => {
      const booking = await bookings.findById(found.id);
      if (!booking || booking.paymentStatus !== 'paid')
        return booking?.paymentStatus === 'pending' || booking?.paymentStatus === 'processing';
      const cancellation = await refundTheRest(booking, session);
      await bookings.transition({
        id: booking.id,
        // Stripe's webhook of this very refund may have moved it to `refunded` meanwhile.
        from: ['paid', 'refunded'],
        to: 'cancelled',
        entry: {
          status: 'cancelled',
          at: cancellation.at,
          eventId: `session_cancelled_${booking.id}_${booking.attempt}`,
          type: 'session.cancelled',
          ...(cancellation.refundId ? { amount: cancellation.amountRefunded, refunded: paidOf(booking) } : {}),
        },
        set: { cancellation },
        refunded: cancellation.refundId ? paidOf(booking) : undefined,
      });
      await seats.release(booking);
      return false;
    });
  }

  /** Sends the rest of a paid booking's money back (once, by its idempotency key); nothing for a free one. */
  async function refundTheRest(booking: BookingRecord, session: SessionDoc): Promise<Cancellation> {
    const paid = paidOf(booking);
    const base = {
      by: 'organiser' as const,
      reason: 'session_cancelled' as const,
      at: now(),
      actor: session.cancelledBy ?? 'unknown',
    };
    const paymentIntentId = booking.stripePaymentIntentId;
    if (!paymentIntentId || paid === 0) return { ...base, amountRefunded: 0, refundId: null };
    if (booking.refundRequest) {
      // The operator's refund of the rest, asked for already, is that money: never a second one.
      const rest = booking.refunds?.at(-1)?.amount ?? paid;
      return { ...base, amountRefunded: rest, refundId: booking.refundRequest.refundId };
    }
    const before = refundedSoFar(booking);
    // What the operator sent back before in part is not sent again: the rest goes back.
    const rest = before > 0 ? paid - before : undefined;
    if (rest !== undefined && rest <= 0) return { ...base, amountRefunded: 0, refundId: null };
    const key = `refund_cancel_${booking.id}_${paymentIntentId}`;
    const invoice = booking.stripeInvoiceId;
    const refund = await gateway.refundPayment(paymentIntentId, key, invoice ? (rest ?? paid) : rest, invoice);
    return { ...base, amountRefunded: rest ?? paid, refundId: refund.id };
  }

  /** Ends every booking of a cancelled session it can; records the session finished when none is left. */
  async function finish(session: SessionDoc): Promise<boolean> {
    let waiting = 0;
    for await (const booking of bookings.ofCourse(session.courseId, [...ending], session.sessionId)) {
      if (await endBooking(booking, session)) waiting += 1;
    }
    if (waiting > 0) return false;
    // Announced before the session is recorded finished: a crash in between announces it again, under the same key.
    await deps.announce?.(session);
    await sessions.cancelFinished(session.courseId, session.sessionId);
    return true;
  }

  /** The bookings the cancellation ended and what went back to each, oldest first. */
  async function refundsOf(session: SessionDoc): Promise<SessionRefund[]> {
    const refunds: SessionRefund[] = [];
    for await (const booking of bookings.ofCourse(session.courseId, ['cancelled'], session.sessionId)) {
      if (booking.cancellation?.reason !== 'session_cancelled') continue;
      const { amountRefunded, refundId } = booking.cancellation;
      refunds.push({ bookingId: booking.id, amountRefunded, currency: booking.currency, refundId });
    }
    return refunds;
  }

  return {
    /**
     * Cancels a session and ends its bookings; pressing it again changes nothing (and finishes what
     * an earlier press left). 404 `session_not_found` when the course has no such session.
     */
    async cancel(courseId: string, sessionId: string, by: string) {
      const cancelled = await sessions.cancel(courseId, sessionId, by, now());
      if (!cancelled) throw errors.sessionNotFound();
      const { session } = cancelled;
      catalog.forget(courseId);
      const finished = session.cancelPending ? await finish(session) : true;
      return {
        session: { ...session, cancelPending: !finished },
        refunds: await refundsOf(session),
        /** Whether this call cancelled it (an earlier one may have). */
        cancelledNow: cancelled.now,
      };
    },

    /** Finishes the cancellations a crash or a slow payment left (the reconciler's sweep); answers how many finished. */
    async finishPending(limit: number): Promise<number> {
      let finished = 0;
      for (const session of await sessions.listCancelPending(limit)) {
        catalog.forget(session.courseId);
        if (await finish(session)) finished += 1;
      }
      return finished;
    },
  };
}

/** The session canceller's interface. */
export type SessionCanceller = ReturnType<typeof sessionCanceller>;

/** What a booking's student paid (the list price when the amount paid is not known). */
function paidOf(booking: BookingRecord): number {
  return booking.amountPaid ?? booking.amount;
}
