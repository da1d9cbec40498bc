import type { BookingRecord } from '../../server/src/bookings/booking.js';

/**
 * The `i`-th of a series of stored bookings, a second apart from 2026-01-01: paid, $49, with its own
 * session, payment intent and receipt address; `fields` changes any of it.
 */
export function bookingRecord(i: number, fields: Partial<BookingRecord> = {}): BookingRecord {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000);
  return {
    id: `bk_${String(i).padStart(7, '0')}`,
    userId: `user_${i}`,
    courseId: 'intro',
    courseTitle: 'Intro',
    paymentStatus: 'paid',
    quantity: 1,
    amount: 4900,
    amountPaid: 4900,
    currency: 'usd',
    stripeSessionId: `cs_${i}`,
    stripePaymentIntentId: `pi_${i}`,
    attempt: 1,
    siteOrigin: 'https://school.example',
    checkout: { mode: 'redirect', returnUrl: 'https://school.example/', customerEmail: `s${i}@example.com` },
    checkoutExpiresAt: at,
    history: [],
    reconcileAt: at,
    reconcileChecks: 0,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}
