import { randomBytes } from 'node:crypto';
import { AppError, errors } from '../errors.js';
import type { BookingStore, ClaimStore } from '../store/index.js';
import type { BookingRecord } from './booking.js';
import type { PaymentGateway, Refund } from './payment-gateway.js';

/** How long a refund claim keeps other requests out; by then the booking records the refund. */
const claimMs = 60_000;

/**
 * The operator's full refund of a paid booking through Stripe's Refunds API. One request per booking
 * goes through (a claim on a unique key: FerretDB, like MongoDB, enforces those under concurrency),
 * and Stripe is asked with an idempotency key of the booking and its payment, so it refunds once
 * however often it is asked. The booking itself moves to `refunded` when Stripe's `charge.refunded`
 * webhook arrives; until then it shows the refund requested.
 */
export async function refundBooking(
  deps: { bookings: BookingStore; claims: ClaimStore; gateway: Pick<PaymentGateway, 'refundPayment'> },
  id: string,
  by: { actor: string; name?: string | undefined },
  now: Date,
): Promise<{ booking: BookingRecord; refund: Refund }> {
  const { bookings, claims, gateway } = deps;
  const booking = await bookings.findById(id);
  if (!booking) throw new AppError(404, 'booking_not_found', 'No booking has that id.');
  refundable(booking);
  const key = `refund:${id}:${booking.attempt}`;
  const owner = randomBytes(8).toString('hex');
  if (!(await claims.acquire(key, owner, now, claimMs))) throw errors.refundAlreadyRequested();
  // Read again under the claim: another request may have finished between the first read and the claim.
  const current = (await bookings.findById(id)) ?? booking;
  let refund: Refund;
  try {
    refundable(current);
    const paymentIntentId = current.stripePaymentIntentId!;
    refund = await gateway.refundPayment(paymentIntentId, `refund_admin_${id}_${paymentIntentId}`);
  } catch (error) {
    await claims.release(key, owner).catch(() => undefined);
    throw error;
  }
  await bookings.recordRefund(id, { at: now, by: by.actor, byName: by.name, refundId: refund.id });
  return { booking: (await bookings.findById(id)) ?? current, refund };
}

/** Throws unless the booking has money to give back and no refund asked for yet. */
function refundable(booking: BookingRecord): void {
  if (booking.paymentStatus === 'refunded') throw errors.notRefundable('This booking is already refunded.');
  if (booking.refundRequest) throw errors.refundAlreadyRequested();
  if (booking.paymentStatus !== 'paid') {
    throw errors.notRefundable(`Only a paid booking can be refunded; this one is ${booking.paymentStatus}.`);
  }
  if (!booking.stripePaymentIntentId || booking.amountPaid === 0) {
    throw errors.notRefundable('Nothing was paid for this booking (a free course, or a code that made it free).');
  }
}
