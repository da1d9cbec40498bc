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
function formatIn(lang: string | undefined, options: Intl.DateTimeFormatOptions, at: Date): string {
  const key = `${lang} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = inLocale(lang, (tag) => new Intl.DateTimeFormat(tag, options))));
  return format.format(at);
}

/** The day a session starts, in its own zone: what the Book button's name says ("14 March"). */
export function sessionDay(startsAt: string, timeZone: string, lang: string | undefined): string {
  return formatIn(lang, { day: 'numeric', month: 'long', timeZone }, new Date(startsAt));
}

/**
 * When a session starts, in the page's language and in the session's own time zone, the zone named
 * ("Sun, 14 Mar 2027, 10:00 CET"); with the reader's own time beside it when their clock says
 * otherwise ("… (18:00 GMT+9)"). A time is never shown without its zone.
 */
export function sessionWhen(startsAt: string, timeZone: string, lang: string | undefined): string {
  const at = new Date(startsAt);
  const format = (options: Intl.DateTimeFormatOptions) => formatIn(lang, options, at);
  const shown = format({ ...there, timeZone, timeZoneName: 'short' });
  // The reader's clock and the session's agree: one time is enough.
  if (format({ ...there, timeZone }) === format(there)) return shown;
  return `${shown} (${format({ hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })})`;
}
