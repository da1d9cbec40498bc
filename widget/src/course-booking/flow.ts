/**
 * Everything `<course-booking>` needs once the price shows: sign-in, checkout and the return from
 * Stripe. A chunk of its own, loaded right after the price, so it costs nothing before.
 */
export { startCheckout } from './checkout.js';
export { ownBookings, ownView } from './own-bookings.js';
export { datesSheet, renderDates } from './dates.js';
export { sessionDay } from '../internal/session-time.js';
export { renderPolicy } from './policy.js';
export {
  clearReturn,
  firstPaidNotice,
  pollDelaysMs,
  readReturn,
  returnAddress,
  syncReturned,
  waitForPayment,
} from './return-flow.js';
