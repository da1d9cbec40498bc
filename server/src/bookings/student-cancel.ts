import type { Catalog } from '../courses/catalog.js';
import {
  cancellationTerms,
  moveDeadline,
  type CancellationPolicy,
  type CancellationTerms,
} from '../courses/cancellation-policy.js';
import { AppError, errors } from '../errors.js';
import type { BookingStore } from '../store/index.js';
import { refundedSoFar, type BookingRecord, type Cancellation } from './booking.js';
import type { PaymentGateway } from './payment-gateway.js';
import type { SeatRules } from './seats.js';

/** What a student's own cancellation runs on: the stores, Stripe, and the booking service's lock. */
export interface StudentCancelDeps {
  bookings: BookingStore;
  catalog: Catalog;
  gateway: Pick<PaymentGateway, 'refundPayment'>;
  seats: SeatRules;
  /** Runs `work` holding the booking's lock. */
  exclusively: <T>(bookingId: string, work: () => Promise<T>) => Promise<T>;
  now: () => Date;
}

/** What the owner may do with a booking now: cancel (and what comes back, until when), move (until when). */
export interface OwnTerms extends CancellationTerms {
  moveUntil: Date | null;
  /** The course's policy, to read in full (null: none, or not a paid booking). */
  policy: CancellationPolicy | null;
}

const none: OwnTerms = { allowed: false, refundAmount: 0, until: null, moveUntil: null, policy: null };

/**
 * A student's cancellation of their own paid booking, within the course's policy. Under the
 * booking's lock: the amount is fixed first (recorded on the booking, so a retry after a crash asks
 * Stripe for the same refund under the same idempotency key, never a second one), then Stripe
 * refunds it, then the booking moves to `cancelled` with what went back and its seat is released.
 * A refund Stripe refuses leaves the booking as it was (409 `refund_refused` with Stripe's reason).
 */
export function studentCanceller(deps: StudentCancelDeps) {
  const { bookings, catalog, gateway, seats, now } = deps;

  /** The owner's terms of a booking now: only a paid one may be cancelled or moved. */
  async function termsOf(booking: BookingRecord): Promise<OwnTerms> {
    if (booking.paymentStatus !== 'paid') return none;
    const course = await catalog.get(booking.courseId);
    const policy = course?.course.cancellationPolicy;
    const session = booking.sessionId ? course?.sessions.find((s) => s.sessionId === booking.sessionId) : undefined;
    const startsAt = session?.startsAt ?? null;
    const paidAt = booking.history.findLast((h) => h.status === 'paid')?.at ?? booking.createdAt;
    const at = now();
    const terms = cancellationTerms(policy, { paid: booking.amountPaid ?? booking.amount, paidAt, startsAt }, at);
    // What the operator sent back already counts against the policy's refund.
    const left = Math.max(0, (booking.amountPaid ?? 0) - refundedSoFar(booking));
    return {
      ...terms,
      refundAmount: Math.min(terms.refundAmount, left),
      moveUntil: moveDeadline(policy, startsAt, at),
      policy: policy ?? null,
    };
  }

  async function cancel(userId: string, id: string) {
    if (!(await bookings.findForUser(userId, id))) throw errors.bookingNotFound();
    return deps.exclusively(id, async () => {
      const booking = (await bookings.findById(id))!;
      // Pressed twice: the second finds it cancelled, and answers what the first did.
      if (booking.paymentStatus === 'cancelled' && booking.cancellation?.by === 'student') {
        return { booking, refund: refundOf(booking.cancellation, booking.currency) };
      }
      const fixed = booking.cancelRequest;
      const terms = fixed ? { allowed: true, refundAmount: fixed.amount } : await termsOf(booking);
      if (!terms.allowed) {
        throw new AppError(
          409,
          'cancellation_closed',
          'This booking can no longer be cancelled under the course’s policy.',
        );
      }
      const at = now();
      if (!fixed) await bookings.recordCancelRequest(id, { at, amount: terms.refundAmount });
      const paymentIntentId = booking.stripePaymentIntentId;
      let refundId: string | null = null;
      if (terms.refundAmount > 0 && paymentIntentId) {
        try {
          const key = `refund_student_${id}_${booking.attempt}`;
          const invoice = booking.stripeInvoiceId;
          refundId = (await gateway.refundPayment(paymentIntentId, key, terms.refundAmount, invoice)).id;
        } catch (error) {
          // Stripe said no: the booking stays as it was; the next press asks again.
          if (error instanceof AppError && error.code === 'refund_refused')
            await bookings.recordCancelRequest(id, null);
          throw error;
        }
      }
      const refunded = refundedSoFar(booking) + (refundId ? terms.refundAmount : 0);
      const cancellation: Cancellation = {
        by: 'student',
        reason: 'student_cancelled',
        at,
        actor: userId,
        amountRefunded: refundId ? terms.refundAmount : 0,
        refundId,
      };
      await bookings.transition({
        id,
        // A full refund's own webhook may have moved it to `refunded` meanwhile.
        from: ['paid', 'refunded'],
        to: 'cancelled',
        entry: {
          status: 'cancelled',
          at,
          eventId: `student_cancel_${id}_${booking.attempt}`,
          type: 'booking.cancelled',
          ...(refundId ? { amount: terms.refundAmount, refunded } : {}),
        },
        set: { cancellation },
        refunded: refundId ? refunded : undefined,
      });
      await seats.release(booking);
      catalog.forget(booking.courseId);
      const after = (await bookings.findById(id)) ?? booking;
      return { booking: after, refund: refundOf(cancellation, booking.currency) };
    });
  }

  /** Refuses a student's move the policy does not allow (409 `move_closed`). */
  async function checkMove(booking: BookingRecord): Promise<void> {
    if (!(await termsOf(booking)).moveUntil) {
      throw new AppError(
        409,
        'move_closed',
        'This booking can no longer move to another date under the course’s policy.',
      );
    }
  }

  return { termsOf, cancel, checkMove };
}

function refundOf(cancellation: Cancellation, currency: string) {
  return cancellation.amountRefunded > 0 ? { amount: cancellation.amountRefunded, currency } : null;
}
