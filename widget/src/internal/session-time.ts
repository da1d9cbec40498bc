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

/** The day a session starts, in its own zone: what the Book button's name says ("14 March"). */
export function sessionDay(startsAt: string, timeZone: string, lang: string | undefined): string {
  return inLocale(lang, (tag) =>
    new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', timeZone }).format(new Date(startsAt)),
  );
}

/**
 * When a session starts, in the page's language and in the session's own time zone, the zone named
 * ("Sun, 14 Mar 2027, 10:00 CET"); with the reader's own time beside it when their clock says
 * otherwise ("… (18:00 GMT+9)"). A time is never shown without its zone.
 */
export function sessionWhen(startsAt: string, timeZone: string, lang: string | undefined): string {
  const at = new Date(startsAt);
  const format = (options: Intl.DateTimeFormatOptions) =>
    inLocale(lang, (tag) => new Intl.DateTimeFormat(tag, options).format(at));
  const shown = format({ ...there, timeZone, timeZoneName: 'short' });
  // The reader's clock and the session's agree: one time is enough.
  if (format({ ...there, timeZone }) === format(there)) return shown;
  return `${shown} (${format({ hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })})`;
}
