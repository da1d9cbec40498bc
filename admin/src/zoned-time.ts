import { there } from '../../common/session-time.js';

/** The wall-clock parts of an instant in a zone: year, month, day, hour, minute (hours 00–23). */
function partsIn(at: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** How far a zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const p = partsIn(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / 60_000) * 60_000;
}

/**
 * The instant (ISO) that a wall-clock time means in a zone: `2027-03-14T10:00` (a datetime-local
 * field's value) in `Europe/Berlin` is `2027-03-14T09:00:00.000Z`. Null when it is not a time.
 */
export function toInstant(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(local.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Asked twice: the first guess may sit across a change of the zone's offset.
  const first = asUtc - offsetAt(asUtc, timeZone);
  return new Date(asUtc - offsetAt(first, timeZone)).toISOString();
}

/** An instant as a datetime-local field shows it in a zone: `2027-03-14T10:00`. */
export function toLocalInput(iso: string, timeZone: string): string {
  const p = partsIn(Date.parse(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * An instant in a session's zone, the zone named: `Sun, 14 Mar 2027, 10:00 CET`; where the zone has
 * no short name in English, its offset and its IANA name: `Tue, 7 Sept 2027, 18:30 GMT-4 (America/New_York)`.
 */
export function inZone(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { ...there, timeZone, timeZoneName: 'short' }).format(new Date(iso));
  return /GMT[+-]?\d*(:\d\d)?$/.test(text) && timeZone !== 'UTC' ? `${text} (${timeZone})` : text;
}

/** Every IANA zone this browser knows, for the console's searchable list. */
export function timeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
}
