import type { BookingRecord } from './booking.js';
import { toBookingView } from './booking-view.js';

/** A booking in the operator's lists: the student's view, with who booked. */
export function toAdminListView(booking: BookingRecord) {
  return {
    ...toBookingView(booking, true),
    email: booking.checkout.customerEmail ?? null,
    tracking: booking.tracking ?? null,
  };
}

/**
 * A booking as the operator's booking page shows it: every step with its event, the refund asked
 * for, and links to the same objects in Stripe's Dashboard (test or live, as the key is).
 */
export function toAdminBooking(booking: BookingRecord, stripeMode: 'test' | 'live') {
  const dashboard = `https://dashboard.stripe.com${stripeMode === 'test' ? '/test' : ''}`;
  const links: Record<string, string> = {};
  if (booking.stripePaymentIntentId) links.payment = `${dashboard}/payments/${booking.stripePaymentIntentId}`;
  if (booking.stripeInvoiceId) links.invoice = `${dashboard}/invoices/${booking.stripeInvoiceId}`;
  if (booking.stripeSessionId) links.checkoutSession = `${dashboard}/search?query=${booking.stripeSessionId}`;
  for (const entry of booking.history) {
    if (entry.eventId.startsWith('evt_')) links[entry.eventId] = `${dashboard}/events/${entry.eventId}`;
  }
  const request = booking.refundRequest;
  return {
    ...toAdminListView(booking),
    siteOrigin: booking.siteOrigin,
    attempt: booking.attempt,
    history: booking.history.map((h) => ({
      status: h.status,
      at: h.at.toISOString(),
      eventId: h.eventId,
      type: h.type,
      ...(h.amount === undefined ? {} : { amount: h.amount }),
      ...(h.move ? { move: h.move } : {}),
    })),
    refunds: (booking.refunds ?? []).map(({ byName, ...refund }) => ({
      ...refund,
      at: refund.at.toISOString(),
      ...(byName ? { byName } : {}),
    })),
    refundRequest: request
      ? {
          at: request.at.toISOString(),
          by: request.by,
          ...(request.byName ? { byName: request.byName } : {}),
          refundId: request.refundId,
        }
      : null,
    stripeLinks: links,
  };
}
