import type { PaymentStatus } from '../../../common/contract.js';
import { primaryLanguage as primary } from '../internal/money.js';

/** The strings `<booking-dashboard>` shows; add a language with the same keys. */
export interface DashboardMessages {
  heading: string;
  signInPrompt: string;
  signIn: string;
  loading: string;
  empty: string;
  failed: string;
  tryAgain: string;
  details: string;
  back: string;
  history: string;
  reference: string;
  bookingId: string;
  sessionId: string;
  paymentId: string;
  course: string;
  /** How many seats a group's booking holds. */
  seats: string;
  /** The student's waiting lists: the heading, the place (`{n}`), an offer held until `{until}`, Leave. */
  waitingLists: string;
  placeInLine: string;
  offerHeld: string;
  leave: string;
  /** The student's own data: the section, what is kept, the download, the erasure (asked first) and what it says after. */
  yourData: string;
  dataKept: string;
  downloadData: string;
  eraseData: string;
  eraseAsk: string;
  eraseYes: string;
  eraseKeep: string;
  dataErased: string;
  /** Who is coming: the section, its buttons, what a save says, and the fields (as `<course-booking>`'s dialog has them). */
  attendees: string;
  changeAttendees: string;
  saveAttendees: string;
  attendeesSaved: string;
  attendee: string;
  name: string;
  emailOptional: string;
  optional: string;
  amount: string;
  /** What was paid, after a promotion code. */
  amountPaid: string;
  /** What has gone back of the payment (a partial refund, a cancellation's). */
  amountRefunded: string;
  /** The amount of a free course. */
  free: string;
  status: string;
  /** "Booked on", for booked bookings only. */
  date: string;
  /** The date of a booking that is not booked (awaiting payment, failed…). */
  startedOn: string;
  signOut: string;
  /** Shows the next page of bookings. */
  more: string;
  /** Resumes an awaiting payment: the open checkout, or a new one when it expired. */
  completePayment: string;
  /** A dated booking's calendar file. */
  addToCalendar: string;
  /** The online link of a paid dated booking. */
  joinOnline: string;
  /** A session of several meetings: `{n}` of them, from `{when}`. */
  meetings: string;
  soldOut: string;
  /** The badge of a booking whose date the organiser cancelled (its money went back). */
  cancelledByOrganiser: string;
  /** The badge of a booking its student cancelled. */
  cancelledByYou: string;
  /** Cancels a paid booking within the course's policy (asks first). */
  cancel: string;
  /** The question before cancelling: `{amount}` comes back. */
  cancelAsk: string;
  /** The question when nothing would come back. */
  cancelAskNothing: string;
  cancelYes: string;
  cancelKeep: string;
  /** Why a paid booking has no Cancel button: the course's policy no longer allows it. */
  cancelClosed: string;
  /** Moves a paid dated booking to another date of its course, while the policy allows (asks which first). */
  move: string;
  moveLoading: string;
  moveAsk: string;
  moveYes: string;
  /** No other date of the course has a seat. */
  moveNone: string;
  moveSoldOut: string;
  moveClosed: string;
  /** After the move: `{when}` is the new date, in its zone. */
  moved: string;
  /** The booking's invoice (a link to Stripe's page). */
  invoice: string;
  /** The invoice is not finalized yet. */
  invoicePending: string;
  payFailed: string;
  popupBlocked: string;
  popupClosed: string;
  expired: string;
  statuses: Record<PaymentStatus, string>;
}

export const en: DashboardMessages = {
  heading: 'Your bookings',
  signInPrompt: 'Sign in to see your bookings.',
  signIn: 'Sign in',
  loading: 'Loading your bookings…',
  empty: 'You have no bookings yet.',
  failed: 'Your bookings cannot be loaded right now.',
  tryAgain: 'Try again',
  details: 'Details',
  back: 'Back to all bookings',
  history: 'History',
  reference: 'For support',
  bookingId: 'Booking',
  sessionId: 'Checkout session',
  paymentId: 'Payment',
  course: 'Course',
  seats: 'Seats',
  waitingLists: 'Waiting lists',
  placeInLine: 'Number {n} in line',
  offerHeld: 'A seat is held for you until {until}: book it on the course’s page.',
  leave: 'Leave',
  yourData: 'Your data',
  dataKept: 'Attendees’ names, addresses and answers are kept for a limited time after the course, then erased.',
  downloadData: 'Download my data',
  eraseData: 'Erase my data',
  eraseAsk:
    'Erase your attendees’ names, addresses and answers, and leave every waiting list? Paid bookings stay, without them.',
  eraseYes: 'Yes, erase it',
  eraseKeep: 'Keep it',
  dataErased: 'Your data was erased.',
  attendees: 'Attendees',
  changeAttendees: 'Change attendees',
  saveAttendees: 'Save attendees',
  attendeesSaved: 'Attendees saved.',
  attendee: 'Attendee {n}',
  name: 'Name',
  emailOptional: 'Email (optional)',
  optional: '(optional)',
  amount: 'Amount',
  amountPaid: 'Paid',
  amountRefunded: 'Refunded',
  free: 'Free',
  status: 'Status',
  date: 'Booked on',
  startedOn: 'Started on',
  signOut: 'Sign out',
  more: 'Show more',
  completePayment: 'Complete payment',
  addToCalendar: 'Add to calendar',
  joinOnline: 'Join online',
  meetings: '{n} meetings from {when}',
  soldOut: 'This course is sold out.',
  cancelledByOrganiser: 'Cancelled by the organiser',
  cancelledByYou: 'Cancelled',
  cancel: 'Cancel booking',
  cancelAsk: 'Cancel this booking? You will get {amount} back.',
  cancelAskNothing: 'Cancel this booking? Under the course’s policy nothing comes back.',
  cancelYes: 'Yes, cancel it',
  cancelKeep: 'Keep it',
  cancelClosed: 'The course’s policy no longer allows cancelling this booking here.',
  move: 'Move to another date',
  moveLoading: 'Looking for other dates…',
  moveAsk: 'Choose the new date',
  moveYes: 'Move my booking',
  moveNone: 'No other date has a seat free.',
  moveSoldOut: 'That date has just sold out. Choose another.',
  moveClosed: 'The course’s policy no longer allows moving this booking.',
  moved: 'Moved to {when}.',
  invoice: 'Invoice',
  invoicePending: 'On its way: Stripe finishes it a moment after the payment.',
  payFailed: 'The checkout could not start. Try again.',
  popupBlocked: 'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.',
  popupClosed: 'Sign-in was closed before it finished.',
  expired: 'Your sign-in has expired. Sign in again.',
  statuses: {
    pending: 'Awaiting payment',
    processing: 'Payment processing',
    paid: 'Paid',
    failed: 'Payment failed',
    expired: 'Checkout expired',
    refunded: 'Refunded',
    disputed: 'Payment disputed',
    cancelled: 'Cancelled',
  },
};

/** Other languages load on demand: a page pays only for its own. */
const loaders: Record<string, () => Promise<DashboardMessages>> = {
  de: () => import('./dashboard-de.js').then((m) => m.de),
  es: () => import('./dashboard-es.js').then((m) => m.es),
  fr: () => import('./dashboard-fr.js').then((m) => m.fr),
  ja: () => import('./dashboard-ja.js').then((m) => m.ja),
};

const ready = new Map<string, DashboardMessages>([['en', en]]);

/** Whether the dashboard's messages for a language tag are here (English always is). */
export function hasDashboardMessages(lang: string | undefined): boolean {
  return ready.has(primary(lang)) || !(primary(lang) in loaders);
}

/** Loads the dashboard's messages for a language tag; English when there are none (or they fail to load). */
export async function loadDashboardMessages(lang: string | undefined): Promise<void> {
  const key = primary(lang);
  if (ready.has(key)) return;
  ready.set(key, (await loaders[key]?.().catch(() => undefined)) ?? en);
}

/** The dashboard's messages for a language tag, if they have loaded; else English. */
export function dashboardMessages(lang: string | undefined): DashboardMessages {
  return ready.get(primary(lang)) ?? en;
}
