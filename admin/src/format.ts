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

/** A moment as the operator reads it, in their time zone. */
export function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}
