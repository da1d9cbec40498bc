import type { Booking } from '../../../common/contract.js';
import { formatPrice, inLocale } from '../internal/money.js';
import type { DashboardMessages } from './dashboard-messages.js';

/* How a booking reads in the dashboard: its dates, amount and status in the student's words. */

/** A date (with its time, for the history) in the page's language. */
export function formatDate(iso: string, lang: string | undefined, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'medium', timeStyle: 'short' }
    : { dateStyle: 'medium' };
  return inLocale(lang, (tag) => new Intl.DateTimeFormat(tag, options).format(new Date(iso)));
}

/** What the student paid (after a promotion code), or Free. */
export function paidText(booking: Booking, lang: string | undefined, t: DashboardMessages): string {
  return booking.amount ? formatPrice(booking.amountPaid ?? booking.amount, booking.currency, lang) : t.free;
}

/**
 * The reading order of the list: dated bookings still to come first, the soonest at the top; then
 * everything else (self-paced and past ones) newest first, as the pages arrive.
 */
export function upcomingFirst(bookings: Booking[], now: number): Booking[] {
  const upcoming = (b: Booking) => !!b.session && Date.parse(b.session.endsAt) > now;
  const soonest = bookings
    .filter(upcoming)
    .sort((a, b) => Date.parse(a.session!.startsAt) - Date.parse(b.session!.startsAt));
  return [...soonest, ...bookings.filter((b) => !upcoming(b))];
}

/**
 * Where the booking stands, in the student's words: a free course booked is Free, not Paid; a date
 * the organiser cancelled says so.
 */
export function statusText(booking: Booking, t: DashboardMessages): string {
  if (booking.paymentStatus === 'paid' && booking.amount === 0) return t.free;
  if (booking.paymentStatus === 'cancelled' && booking.cancellation?.by === 'organiser') return t.cancelledByOrganiser;
  if (booking.paymentStatus === 'cancelled' && booking.cancellation?.by === 'student') return t.cancelledByYou;
  return t.statuses[booking.paymentStatus];
}

/**
 * "Booked on" for a booking that was booked (refunded and disputed ones too: their badge says what
 * happened since); otherwise the date it started.
 */
export function dateLabel(booking: Booking, t: DashboardMessages): string {
  return ['paid', 'disputed', 'refunded', 'cancelled'].includes(booking.paymentStatus) ? t.date : t.startedOn;
}
