import { AppError } from '../errors.js';
import type { BookingStore } from '../store/index.js';
import type { Booking } from './booking.js';
import type { PaymentEvent } from './payment-event.js';
import { transitionFor } from './state-machine.js';

/**
 * Moves the event's booking through the state machine with one conditional update. A late or
 * repeated event matches no from-state and changes nothing. Returns the booking id, or null for
 * an event that is not about one of our bookings.
 */
export async function applyPaymentEvent(bookings: BookingStore, event: PaymentEvent, at: Date): Promise<string | null> {
  if (event.kind === 'ignored') return null;
  const transition = transitionFor(event);
  const booking = await findBooking(bookings, event);
  if (!booking) {
    // A session without our metadata is another integration's; a recorded-only fact needs no booking.
    if (!transition || ('sessionId' in event && !event.bookingId)) return null;
    // Ours but not stored yet (or the payment intent is not linked yet): Stripe must deliver again.
    throw new AppError(503, 'booking_unknown', 'This event is for a booking not known yet; deliver it again later.');
  }
  if (!transition) return booking.id;
  await bookings.transition({
    id: booking.id,
    from: transition.from,
    to: transition.to,
    entry: { status: transition.to, at, eventId: event.eventId, type: event.type },
    sessionId: transition.currentSessionOnly && 'sessionId' in event ? event.sessionId : undefined,
    set: 'sessionId' in event && event.paymentIntentId ? { stripePaymentIntentId: event.paymentIntentId } : {},
  });
  return booking.id;
}

async function findBooking(bookings: BookingStore, event: PaymentEvent): Promise<Booking | null> {
  if (event.kind === 'ignored') return null;
  if (event.bookingId) {
    const byId = await bookings.findById(event.bookingId);
    if (byId) return byId;
  }
  return event.paymentIntentId ? bookings.findByPaymentIntent(event.paymentIntentId) : null;
}
