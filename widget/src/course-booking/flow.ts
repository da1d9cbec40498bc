/**
 * Everything `<course-booking>` needs once the price shows: sign-in, checkout, the return from
 * Stripe and a returning student's own state. A chunk of its own, loaded right after the price, so
 * it costs nothing before.
 */
export { startCheckout } from './checkout.js';
export { finishCheckout, resume, showOwn } from './after-price.js';
export { renderPolicy } from './policy.js';
export { renderOrder, seatsWanted } from './quantity.js';
export { readReturn, returnAddress } from './return-flow.js';
