import type { Booking as BookingView, BookingStatus } from '../../../common/contract.js';
import { refundedSoFar, type BookingRecord, type Cancellation } from './booking.js';

/** Maps a booking to the student's view; `userId` only for the operator. */
export function toBookingView(booking: BookingRecord): BookingView;
export function toBookingView(booking: BookingRecord, forAdmin: true): BookingView & { userId: string };
export function toBookingView(booking: BookingRecord, forAdmin = false): BookingView & { userId?: string } {
  return {
    id: booking.id,
    courseId: booking.courseId,
    course: { id: booking.courseId, title: booking.courseTitle },
    ...(booking.sessionId ? { sessionId: booking.sessionId } : {}),
    paymentStatus: booking.paymentStatus,
    quantity: booking.quantity,
    ...(booking.attendees ? { attendees: booking.attendees } : {}),
    amount: booking.amount,
    amountPaid: booking.amountPaid ?? null,
    amountRefunded: refundedSoFar(booking),
    currency: booking.currency,
    createdAt: booking.createdAt.toISOString(),
    updatedAt: booking.updatedAt.toISOString(),
    stripeSessionId: booking.stripeSessionId,
    stripePaymentIntentId: booking.stripePaymentIntentId,
    invoiceId: booking.stripeInvoiceId ?? null,
    history: booking.history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
    ...(booking.cancellation ? { cancellation: cancellationView(booking.cancellation) } : {}),
    ...(forAdmin ? { userId: booking.userId } : {}),
  };
}

/** What a return ticket shows: the status and the course, never amounts or Stripe ids. */
export function toBookingStatus(booking: BookingRecord): BookingStatus {
  return {
    id: booking.id,
    courseId: booking.courseId,
    course: { id: booking.courseId, title: booking.courseTitle },
    paymentStatus: booking.paymentStatus,
    ...(booking.sessionId ? { sessionId: booking.sessionId } : {}),
  };
}

/** A cancellation as the student sees it: why, when, and what went back. */
function cancellationView({ by, reason, at, amountRefunded }: Cancellation) {
  return { allowed: false, by, reason, at: at.toISOString(), amountRefunded };
}
