import type { PaymentStatus } from '../../common/contract.js';
import { formatPrice, minorUnitDigits } from '../../common/money.js';

/** An amount in minor units, as the operator reads it: `$49.00`, `¥12,000`. */
export function money(amount: number | null, currency: string): string {
  return amount === null ? '—' : formatPrice(amount, currency, 'en');
}

/** A price typed in major units (`49`, `49.5`, `12000`) in minor units; null when it is not one for this currency. */
export function toMinorUnits(text: string, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const match = /^\s*(\d{1,9})(?:[.,](\d+))?\s*$/.exec(text);
  if (!match || (match[2] ?? '').length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
}

/** A price in minor units as the operator types it, in major units: `49.00`, `12000`. */
export function toMajorUnits(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return digits === 0 ? String(amount) : (amount / 10 ** digits).toFixed(digits);
}

const moment: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

/** A moment as the operator reads it, in their time zone, named: `2 Dec 2026, 19:14 UTC`. */
export function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-GB', moment) : '—';
}

/**
 * A booking's status in the words the student's dashboard uses (`dashboard-messages.ts`; the console
 * is one file built apart, which cannot take that module's language chunks along).
 */
export const statusWords: Record<PaymentStatus, string> = {
  pending: 'Awaiting payment',
  processing: 'Payment processing',
  paid: 'Paid',
  failed: 'Payment failed',
  expired: 'Checkout expired',
  refunded: 'Refunded',
  disputed: 'Payment disputed',
  cancelled: 'Cancelled',
};

/** Why an event moved nothing, in plain words; `attention` marks what needs the operator's look. */
export const eventReasons: Record<string, { words: string; attention?: boolean }> = {
  unhandled_type: { words: 'Not needed for bookings' },
  declined_in_checkout: { words: 'Card declined in Checkout; the student can try again' },
  foreign_session: { words: 'A Checkout Session this backend did not create' },
  foreign_payment_intent: { words: 'A payment this backend did not create' },
  waiting_for_predecessor: { words: 'Waits for the event it follows' },
  unknown_payment_intent: { words: 'Waits for its Checkout Session to complete' },
  amount_mismatch: { words: 'Charges another amount than its booking', attention: true },
  no_seat_left: { words: 'Paid after the last seat went: refunded in full', attention: true },
};

/** One audited value as the operator reads it: text as it is, nothing as a dash. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
