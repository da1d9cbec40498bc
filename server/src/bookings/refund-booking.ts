import { errors } from '../errors.js';
import type { BookingStore } from '../store/index.js';
import { refundedSoFar, type BookingRecord } from './booking.js';
import type { PaymentGateway, Refund } from './payment-gateway.js';

/** What the operator asks to send back: an amount (none: the rest) and why. */
export interface RefundAsked {
  amount?: number | undefined;
  reason?: string | undefined;
}

/** Who refunds: an admin user id (or `api_key`) and what the console calls them. */
export interface RefundActor {
  actor: string;
  name?: string | undefined;
}

/** What a refund runs on: the bookings, Stripe, and the booking service's lock. */
export interface RefundDeps {
  bookings: BookingStore;
  gateway: Pick<PaymentGateway, 'refundPayment'>;
  exclusively: <T>(bookingId: string, work: () => Promise<T>) => Promise<T>;
}

/**
 * The operator's refund of a booking's payment through Stripe's Refunds API: an amount up to what
 * is left (a partial refund), or the rest. Under the booking's lock, so a student's cancellation,
 * a webhook and another refund take turns with it and each sees what the one before sent back.
 * Stripe is asked with an idempotency key of the booking, its payment and how many refunds the
 * operator made before, so a retry after a crash refunds once. The booking keeps its state: Stripe's
 * `charge.refunded` moves a fully refunded one to `refunded` (until then it shows the refund
 * requested), and records a partial one. A cancelled booking with money left may be refunded too.
 */
export async function refundBooking(
  deps: RefundDeps,
  id: string,
  by: RefundActor,
  asked: RefundAsked,
  now: Date,
): Promise<{ booking: BookingRecord; refund: Refund & { amount: number } }> {
  const { bookings, gateway } = deps;
  if (!(await bookings.findById(id))) throw errors.adminBookingNotFound();
  return deps.exclusively(id, async () => {
    const booking = (await bookings.findById(id))!;
    const left = leftToRefund(booking);
    const amount = asked.amount ?? left;
    if (amount > left) {
      throw errors.notRefundable(`Only ${left} (in the currency's minor unit) is left to refund of this booking.`);
    }
    const paymentIntentId = booking.stripePaymentIntentId!;
    const before = booking.refunds?.length ?? 0;
    // The first refund keeps the key a full refund always had; each further one has its own.
    const key = `refund_admin_${id}_${paymentIntentId}${before === 0 ? '' : `_${before + 1}`}`;
    // With an invoice, through a credit note on it: the invoice shows what went back.
    const refund = await gateway.refundPayment(paymentIntentId, key, amount, booking.stripeInvoiceId);
    const refunded = refundedSoFar(booking) + amount;
    await bookings.recordRefund(id, {
      refund: { id: refund.id, amount, reason: asked.reason ?? null, at: now, by: by.actor, byName: by.name },
      refunded,
      rest: booking.paymentStatus === 'paid' && refunded >= booking.amountPaid!,
    });
    return { booking: (await bookings.findById(id)) ?? booking, refund: { ...refund, amount } };
  });
}

/** What is left to send back of a booking's payment; throws when nothing can be. */
function leftToRefund(booking: BookingRecord): number {
  if (booking.paymentStatus === 'refunded') throw errors.notRefundable('This booking is already refunded.');
  if (booking.refundRequest) throw errors.refundAlreadyRequested();
  if (booking.paymentStatus !== 'paid' && booking.paymentStatus !== 'cancelled') {
    throw errors.notRefundable(`Only a paid booking can be refunded; this one is ${booking.paymentStatus}.`);
  }
  if (!booking.stripePaymentIntentId || !booking.amountPaid) {
    throw errors.notRefundable('Nothing was paid for this booking (a free course, or a code that made it free).');
  }
  const left = booking.amountPaid - refundedSoFar(booking);
  if (left <= 0) throw errors.notRefundable('All of this booking’s payment has gone back already.');
  return left;
}
