/**
 * Until when a waiting list's offer holds its seats: day, month and time in the page's language,
 * the reader's zone named (a time is never shown without its zone). Loaded with the code after
 * the price, and with the dashboard.
 */
export function heldUntil(iso: string, lang: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(lang, options).format(new Date(iso));
  } catch {
    // A language tag the browser does not know: its own language instead.
    return new Intl.DateTimeFormat(undefined, options).format(new Date(iso));
  }
}
