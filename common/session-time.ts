// When a session starts, as the widget, the dashboard and the server write it: pure, no Node or DOM.
import { inLocale } from './money.js';

/** A session's start as every reader sees it: weekday, date, year and time (the zone added where it is shown). */
export const there: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** `at` formatted in `lang`; each formatter made once per language and options (making one costs more than using it many times). */
export function formatIn(lang: string | undefined, options: Intl.DateTimeFormatOptions, at: Date): string {
  const key = `${lang} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = inLocale(lang, (tag) => new Intl.DateTimeFormat(tag, options))));
  return format.format(at);
}

/** When a session starts, in its own time zone, the zone named ("Sun, 14 Mar 2027, 10:00 CET"). */
export function startsThere(startsAt: Date, timeZone: string, lang: string | undefined): string {
  return formatIn(lang, { ...there, timeZone, timeZoneName: 'short' }, startsAt);
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How many minutes `timeZone` is ahead of UTC at `at` (Berlin in winter: 60; New York in summer: -240). */
export function zoneOffset(at: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format)
    offsetFormats.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })));
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')!.value;
  const [, sign, hours, minutes] = /^GMT([+-])(\d\d):(\d\d)$/.exec(name) ?? ['', '+', '0', '0'];
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}
