/**
 * When a session starts, in the student's language and the session's own time zone, with the zone
 * named: "14 March 2027 at 09:00 CET", "14. März 2027 um 09:00 MEZ". What Checkout's line item
 * (and so Stripe's receipt) says.
 */
export function sessionLabel(startsAt: string | Date, timeZone: string, locale: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  };
  const at = new Date(startsAt);
  try {
    return new Intl.DateTimeFormat(locale || 'en', options).format(at);
  } catch {
    // A tag Intl refuses: English, still in the session's zone.
    return new Intl.DateTimeFormat('en', options).format(at);
  }
}
