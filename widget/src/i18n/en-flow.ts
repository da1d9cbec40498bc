import type { FlowMessages } from './messages.js';

/** English: what the sign-in, checkout and return say, loaded after the price. */
export const enFlow: FlowMessages = {
  wait: 'Please wait…',
  signingIn: 'Signing in…',
  opening: 'Opening the checkout…',
  redirecting: 'Going to the checkout…',
  openCheckout: 'Continue to checkout (new tab)',
  checkingPayment: 'Checking your payment…',
  paid: 'Payment received. You are booked.',
  processing: 'Payment processing…',
  processingLong: 'Your payment is still processing; some payment methods take a few days. Check your bookings later.',
  cancelled: 'Checkout cancelled. No payment was taken.',
  failed: 'The payment failed. No money was taken.',
  expired: 'The checkout expired before payment.',
  refunded: 'This booking was refunded.',
  popupBlocked: 'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  popupClosed: 'Sign-in was closed before it finished.',
  signInAgain: 'Your sign-in has expired. Press the button to sign in again.',
  paymentsUnavailable: 'Payments are unavailable right now. Try again in a moment.',
  unreachable: 'The booking service cannot be reached. Try again.',
  checkoutFailed: 'The checkout could not start. Try again.',
  closeCheckout: 'Close checkout',
  awaitingPayment: 'Awaiting payment: your checkout is still open.',
  completePayment: 'Complete payment',
  paidPrice: 'Paid {amount}',
  chooseDate: 'Choose a date first.',
};
