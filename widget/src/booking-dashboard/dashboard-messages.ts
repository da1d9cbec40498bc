import type { PaymentStatus } from '../../../common/contract.js';

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
  amount: string;
  /** What was paid, after a promotion code. */
  amountPaid: string;
  /** The amount of a free course. */
  free: string;
  status: string;
  /** "Booked on", for booked bookings only. */
  date: string;
  /** The date of a booking that is not booked (awaiting payment, failed…). */
  startedOn: string;
  signOut: string;
  /** Resumes an awaiting payment: the open checkout, or a new one when it expired. */
  completePayment: string;
  soldOut: string;
  payFailed: string;
  popupBlocked: string;
  popupClosed: string;
  expired: string;
  statuses: Record<PaymentStatus, string>;
}

const en: DashboardMessages = {
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
  amount: 'Amount',
  amountPaid: 'Paid',
  free: 'Free',
  status: 'Status',
  date: 'Booked on',
  startedOn: 'Started on',
  signOut: 'Sign out',
  completePayment: 'Complete payment',
  soldOut: 'This course is sold out.',
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
  },
};

const de: DashboardMessages = {
  heading: 'Ihre Buchungen',
  signInPrompt: 'Melden Sie sich an, um Ihre Buchungen zu sehen.',
  signIn: 'Anmelden',
  loading: 'Buchungen werden geladen…',
  empty: 'Sie haben noch keine Buchungen.',
  failed: 'Ihre Buchungen können gerade nicht geladen werden.',
  tryAgain: 'Erneut versuchen',
  details: 'Details',
  back: 'Zurück zu allen Buchungen',
  history: 'Verlauf',
  reference: 'Für den Support',
  bookingId: 'Buchung',
  sessionId: 'Checkout-Sitzung',
  paymentId: 'Zahlung',
  course: 'Kurs',
  amount: 'Betrag',
  amountPaid: 'Bezahlt',
  free: 'Kostenlos',
  status: 'Status',
  date: 'Gebucht am',
  startedOn: 'Begonnen am',
  signOut: 'Abmelden',
  completePayment: 'Zahlung abschließen',
  soldOut: 'Dieser Kurs ist ausgebucht.',
  payFailed: 'Die Kasse konnte nicht geöffnet werden. Versuchen Sie es erneut.',
  popupBlocked: 'Ihr Browser hat das Anmeldefenster blockiert. Erlauben Sie Pop-ups für diese Seite.',
  popupClosed: 'Die Anmeldung wurde geschlossen, bevor sie fertig war.',
  expired: 'Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an.',
  statuses: {
    pending: 'Zahlung ausstehend',
    processing: 'Zahlung in Bearbeitung',
    paid: 'Bezahlt',
    failed: 'Zahlung fehlgeschlagen',
    expired: 'Kasse abgelaufen',
    refunded: 'Erstattet',
    disputed: 'Zahlung angefochten',
  },
};

/** The dashboard's messages for a language tag, falling back to English. */
export function dashboardMessages(lang: string | undefined): DashboardMessages {
  return (lang ?? '').toLowerCase().startsWith('de') ? de : en;
}
