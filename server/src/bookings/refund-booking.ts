import { AppError, errors } from '../errors.js';
import type { BookingStore } from '../store/index.js';
import type { BookingRecord } from './booking.js';
import type { PaymentGateway, Refund } from './payment-gateway.js';

/** A refund claim that never got Stripe's answer (its process died) is taken over after this. */
const staleClaimMs = 60_000;

/**
 * The operator's full refund of a paid booking through Stripe's Refunds API. The booking is claimed
 * first (one refund request per booking, whoever asks at once), then Stripe is asked with an
 * idempotency key of the booking and its payment, so Stripe refunds it once however often it is
 * asked. The booking itself moves to `refunded` when Stripe's `charge.refunded` webhook arrives.
 */
export async function refundBooking(
  deps: { bookings: BookingStore; gateway: Pick<PaymentGateway, 'refundPayment'> },
  id: string,
  by: string,
  now: Date,
): Promise<{ booking: BookingRecord; refund: Refund }> {
  const { bookings, gateway } = deps;
  const booking = await bookings.findById(id);
  if (!booking) throw new AppError(404, 'booking_not_found', 'No booking has that id.');
  const paymentIntentId = booking.stripePaymentIntentId;
  if (booking.paymentStatus === 'refunded') throw errors.notRefundable('This booking is already refunded.');
  if (booking.paymentStatus !== 'paid') {
    throw errors.notRefundable(`Only a paid booking can be refunded; this one is ${booking.paymentStatus}.`);
  }
  if (!paymentIntentId || booking.amountPaid === 0) {
    throw errors.notRefundable('Nothing was paid for this booking (a free course, or a code that made it free).');
  }
  if (!(await bookings.claimRefund(id, { at: now, by, refundId: null }, new Date(now.getTime() - staleClaimMs)))) {
    throw errors.refundAlreadyRequested();
  }
  let refund: Refund;
  try {
    refund = await gateway.refundPayment(paymentIntentId, `refund_admin_${id}_${paymentIntentId}`);
  } catch (error) {
    await bookings.settleRefund(id, null).catch(() => undefined);
    throw error;
  }
  await bookings.settleRefund(id, refund.id);
  return { booking: (await bookings.findById(id)) ?? booking, refund };
}
