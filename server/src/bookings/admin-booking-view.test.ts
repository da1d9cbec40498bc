import { describe, expect, it } from 'vitest';
import { toAdminBooking } from './admin-booking-view.js';
import type { BookingRecord } from './booking.js';
import { bookingRecord } from '../../../test/support/booking-record.js';

const at = new Date('2026-11-27T10:00:00Z');
const booking: BookingRecord = bookingRecord(1, {
  id: 'bk_1',
  userId: 'user_1',
  stripeSessionId: 'cs_live_1',
  stripePaymentIntentId: 'pi_1',
  checkout: { mode: 'redirect', returnUrl: 'https://school.example/', customerEmail: 'ada@example.com' },
  history: [
    { status: 'pending', at, eventId: 'create_bk_1_1', type: 'booking.created' },
    { status: 'paid', at, eventId: 'evt_1', type: 'checkout.session.completed' },
  ],
});

describe("the operator's booking page", () => {
  it("links the payment, the session and Stripe's events into the live Dashboard for a live key", () => {
    expect(toAdminBooking(booking, 'live').stripeLinks).toEqual({
      payment: 'https://dashboard.stripe.com/payments/pi_1',
      checkoutSession: 'https://dashboard.stripe.com/search?query=cs_live_1',
      evt_1: 'https://dashboard.stripe.com/events/evt_1',
    });
  });

  it('links into the test Dashboard for a test key, and shows who booked and the refund asked for', () => {
    const refunded = { ...booking, refundRequest: { at, by: 'user_admin', refundId: 're_1' } };
    const view = toAdminBooking(refunded, 'test');
    expect(view.stripeLinks.payment).toBe('https://dashboard.stripe.com/test/payments/pi_1');
    expect(view).toMatchObject({
      email: 'ada@example.com',
      userId: 'user_1',
      refundRequest: { at: at.toISOString(), by: 'user_admin', refundId: 're_1' },
    });
  });
});
