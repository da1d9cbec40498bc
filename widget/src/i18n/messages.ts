/** The strings `<course-booking>` shows. Add a language by adding an object with the same keys. */
export interface Messages {
  book: string;
  /** The button of a free course. */
  bookFree: string;
  /** The price of a free course. */
  free: string;
  soldOut: string;
  /** Few seats left: one, and `{n}`. */
  seatLeft: string;
  seatsLeft: string;
  /** An archived course: not an error, it is simply no longer sold. */
  unavailable: string;
  tryAgain: string;
  wait: string;
  booked: string;
  loadingPrice: string;
  signingIn: string;
  opening: string;
  redirecting: string;
  openCheckout: string;
  checkingPayment: string;
  paid: string;
  processing: string;
  processingLong: string;
  cancelled: string;
  failed: string;
  expired: string;
  refunded: string;
  courseNotFound: string;
  pricesUnavailable: string;
  popupBlocked: string;
  popupClosed: string;
  signInAgain: string;
  paymentsUnavailable: string;
  unreachable: string;
  checkoutFailed: string;
  closeCheckout: string;
}

/** English, bundled: the fallback for every language. */
export const en: Messages = {
  book: 'Book & Pay',
  bookFree: 'Book (free)',
  free: 'Free',
  soldOut: 'Sold out',
  seatLeft: '1 seat left',
  seatsLeft: '{n} seats left',
  unavailable: 'This course is no longer available.',
  tryAgain: 'Try again',
  wait: 'Please wait…',
  booked: 'Booked',
  loadingPrice: 'Loading price…',
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
  courseNotFound: 'This course is not available.',
  pricesUnavailable: 'Prices cannot be loaded right now.',
  popupBlocked: 'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  popupClosed: 'Sign-in was closed before it finished.',
  signInAgain: 'Your sign-in has expired. Press the button to sign in again.',
  paymentsUnavailable: 'Payments are unavailable right now. Try again in a moment.',
  unreachable: 'The booking service cannot be reached. Try again.',
  checkoutFailed: 'The checkout could not start. Try again.',
  closeCheckout: 'Close checkout',
};

/** Other languages load on demand, in parallel with the price: a page pays only for its own. */
const loaders: Record<string, () => Promise<Messages>> = {
  de: () => import('./de.js').then((m) => m.de),
};

const loaded = new Map<string, Promise<Messages>>([['en', Promise.resolve(en)]]);
const ready = new Map<string, Messages>([['en', en]]);

function primary(lang: string | undefined): string {
  return (lang ?? 'en').toLowerCase().split('-')[0] || 'en';
}

/** Loads the messages of a language tag such as `de-AT`; English when there are none. */
export function loadMessages(lang: string | undefined): Promise<Messages> {
  const key = primary(lang);
  let pending = loaded.get(key);
  if (!pending) {
    const load = loaders[key];
    pending = (load ? load() : Promise.resolve(en)).catch(() => en);
    // It never rejects: a language that fails to load falls back to English above.
    void pending.then((messages) => ready.set(key, messages));
    loaded.set(key, pending);
  }
  return pending;
}

/** The messages of a language if they have loaded, else English. */
export function messagesFor(lang: string | undefined): Messages {
  return ready.get(primary(lang)) ?? en;
}
