import { primaryLanguage as primary } from '../internal/money.js';

/** What `<course-booking>` shows with the price: bundled in English, a small chunk per other language. */
export interface PriceMessages {
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
  booked: string;
  loadingPrice: string;
  courseNotFound: string;
  pricesUnavailable: string;
  /** The dates of a course sold on dates: the radio group's name, and "More dates". */
  dates: string;
  moreDates: string;
}

/** What the sign-in, the checkout and the return say: a chunk per language, loaded after the price with the checkout code. */
export interface FlowMessages {
  wait: string;
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
  popupBlocked: string;
  /** Where checkout cannot run on this page: the link to the course's own page. */
  bookOnPage: string;
  popupClosed: string;
  signInAgain: string;
  paymentsUnavailable: string;
  unreachable: string;
  checkoutFailed: string;
  closeCheckout: string;
  /** A returning student's booking waits for its payment. */
  awaitingPayment: string;
  /** The button then: it reopens the open checkout. */
  completePayment: string;
  /** The price of a booked course when the student paid less (a promotion code): `{amount}`. */
  paidPrice: string;
  /** A click on Book & Pay before a date is chosen. */
  chooseDate: string;
  /** The seats stepper of a course that sells several per purchase: its label, its buttons' names, the total (`{amount}`). */
  quantity: string;
  fewerSeats: string;
  moreSeats: string;
  total: string;
  /** The dialog asking who is coming: its title, each attendee's legend (`{n}`), the fields, an optional field's mark, its buttons. */
  whoIsComing: string;
  attendee: string;
  name: string;
  emailOptional: string;
  optional: string;
  cancel: string;
  continueToPayment: string;
  /** The waiting list: join (a date `{date}`), the place in line (`{n}`), an offer held until `{until}`, the button from an offer's link. */
  joinWaitlist: string;
  joinWaitlistFor: string;
  waitingPlace: string;
  offerHeld: string;
  takeHeldSeat: string;
  /** Fewer seats left than the student asked for (409 `quantity_unavailable`). */
  quantityUnavailable: string;
}

/** Every string `<course-booking>` shows. Add a language by adding its two parts (`xx.ts`, `xx-flow.ts`) and their loaders. */
export type Messages = PriceMessages & FlowMessages;

/** English, bundled: the fallback for every language. */
export const en: PriceMessages = {
  book: 'Book & Pay',
  bookFree: 'Book (free)',
  free: 'Free',
  soldOut: 'Sold out',
  seatLeft: '1 seat left',
  seatsLeft: '{n} seats left',
  unavailable: 'This course is no longer available.',
  tryAgain: 'Try again',
  booked: 'Booked',
  loadingPrice: 'Loading price…',
  courseNotFound: 'This course is not available.',
  pricesUnavailable: 'Prices cannot be loaded right now.',
  dates: 'Dates',
  moreDates: 'More dates',
};

/** Other languages load on demand, in parallel with the price: a page pays only for its own. */
const priceLoaders: Record<string, () => Promise<Partial<Messages>>> = {
  de: () => import('./de.js').then((m) => m.de),
  es: () => import('./es.js').then((m) => m.es),
  fr: () => import('./fr.js').then((m) => m.fr),
  ja: () => import('./ja.js').then((m) => m.ja),
};

/** The flow's strings, English too, load after the price. */
const flowLoaders: Record<string, () => Promise<Partial<Messages>>> = {
  en: () => import('./en-flow.js').then((m) => m.enFlow),
  de: () => import('./de-flow.js').then((m) => m.deFlow),
  es: () => import('./es-flow.js').then((m) => m.esFlow),
  fr: () => import('./fr-flow.js').then((m) => m.frFlow),
  ja: () => import('./ja-flow.js').then((m) => m.jaFlow),
};

/** Loaded parts by `part:language`; a part that fails to load counts as empty (English stands in). */
const parts = new Map<string, Promise<Partial<Messages>>>();
const ready = new Map<string, Partial<Messages>>();

function loadPart(kind: 'price' | 'flow', key: string): Promise<Partial<Messages>> {
  const id = `${kind}:${key}`;
  let pending = parts.get(id);
  if (!pending) {
    const load = (kind === 'price' ? priceLoaders : flowLoaders)[key];
    // It never rejects: a part that fails to load leaves English in its place.
    pending = (load ? load() : Promise.resolve({})).catch(() => ({}));
    void pending.then((messages) => ready.set(id, messages));
    parts.set(id, pending);
  }
  return pending;
}

/** Loads what shows with the price in a language tag such as `de-AT`. */
export async function loadMessages(lang: string | undefined): Promise<void> {
  await loadPart('price', primary(lang));
}

/** Loads what the sign-in, checkout and return say (English, and the language's own). */
export async function loadFlowMessages(lang: string | undefined): Promise<void> {
  await Promise.all([loadPart('flow', 'en'), loadPart('flow', primary(lang))]);
}

/** The messages of a language as far as they have loaded, English standing in for the rest. */
export function messagesFor(lang: string | undefined): Messages {
  const key = primary(lang);
  return {
    ...en,
    ...ready.get('flow:en'),
    ...ready.get(`price:${key}`),
    ...ready.get(`flow:${key}`),
  } as Messages;
}
