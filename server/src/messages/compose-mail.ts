import type { CancellationPolicy } from '../../../common/contract.js';
import { formatPrice } from '../../../common/money.js';
import { policySentence } from '../../../common/policy-sentence.js';
import { bookingCalendar } from '../bookings/calendar.js';
import { mailHtml } from './mail-html.js';
import { wordsOf, type MailLanguage } from './mail-language.js';
import type { MailKind } from './mail-words.js';

/** A dated session as an email shows it (the online link only once paid). */
export interface MailSession {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  location: string | null;
  onlineUrl: string | null;
  meetings: Array<{ startsAt: string; endsAt: string }>;
}

/** What an email says about its booking, taken when the message was written to the outbox. */
export interface MailFacts {
  language: MailLanguage;
  bookingId: string;
  course: string;
  currency: string;
  /** What was paid (confirmed, operator), in the currency's minor unit. */
  amountPaid: number | null;
  /** What went back (refunded, cancelled). */
  amountRefunded: number | null;
  session: MailSession | null;
  /** The page the student booked on: it shows their bookings, and resumes a payment. */
  link: string;
  /** A confirmation's course cancellation policy, said in one sentence. */
  policy?: CancellationPolicy | null | undefined;
  /** An offer: until when its seats are held (ISO 8601). */
  offerUntil?: string | undefined;
}

/** An email ready for the SMTP conversation. */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; content: string; contentType: string }>;
}

/** Kinds that carry the booking's calendar file, when it is of a dated session. */
const withCalendar: ReadonlySet<MailKind> = new Set(['confirmed', 'moved', 'reminder']);

/**
 * One email in the booking's language: the same words as plain text and as HTML, the session's
 * times in its own zone with the zone named, and the calendar file of a dated booking.
 */
export function composeMail(kind: MailKind, facts: MailFacts, operator: string): ComposedMail {
  const words = wordsOf(facts.language);
  const locale = facts.language;
  const money = (amount: number | null) =>
    amount === null ? undefined : amount === 0 ? words.free : formatPrice(amount, facts.currency, locale);
  const when = facts.session ? whenLabel(facts.session, locale) : undefined;
  const subject = {
    course: facts.course,
    amount: ['refunded', 'cancelled', 'withdrawn'].includes(kind)
      ? money(facts.amountRefunded)
      : money(facts.amountPaid),
    when,
    until: facts.offerUntil ? untilLabel(facts.offerUntil, facts.session?.timeZone ?? 'UTC', locale) : undefined,
  };
  if ((kind === 'cancelled' || kind === 'withdrawn') && !facts.amountRefunded) subject.amount = undefined;

  const details: Array<[string, string, string?]> = [];
  if (kind !== 'incomplete' && facts.session) {
    details.push([words.when, when!]);
    if (facts.session.location) details.push([words.where, facts.session.location]);
    if (facts.session.onlineUrl && kind !== 'cancelled' && kind !== 'withdrawn') {
      details.push([words.online, facts.session.onlineUrl, facts.session.onlineUrl]);
    }
  }
  if ((kind === 'confirmed' || kind === 'operator') && facts.amountPaid !== null) {
    details.push([words.paid, money(facts.amountPaid)!]);
  }
  const button =
    kind === 'operator'
      ? null
      : {
          label: kind === 'incomplete' ? words.completePayment : kind === 'offer' ? words.takeSeat : words.bookings,
          href: facts.link,
        };
  const calendar =
    withCalendar.has(kind) && facts.session
      ? bookingCalendar(
          { id: facts.bookingId, courseTitle: facts.course, paymentStatus: 'paid' },
          {
            ...facts.session,
            startsAt: new Date(facts.session.startsAt),
            endsAt: new Date(facts.session.endsAt),
            meetings: facts.session.meetings.map((m) => ({
              startsAt: new Date(m.startsAt),
              endsAt: new Date(m.endsAt),
            })),
          },
        )
      : null;
  const note = calendar ? words.calendarAttached : null;
  const policy = kind === 'confirmed' && facts.policy ? policySentence(facts.policy, locale, !!facts.session) : null;
  const paragraphs = kind === 'operator' ? [words.lead[kind](subject)] : [words.greeting, words.lead[kind](subject)];
  const signOff = words.signOff(operator);

  const text = [
    ...paragraphs,
    details.map(([label, value]) => `${label}: ${value}`).join('\n'),
    policy ?? '',
    button ? `${button.label}: ${button.href}` : '',
    note ?? '',
    signOff,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    subject: words.subject[kind](subject),
    text: `${text}\n`,
    html: mailHtml({
      language: facts.language,
      title: words.subject[kind](subject),
      paragraphs,
      facts: details,
      button,
      policy,
      note,
      signOff,
    }),
    attachments: calendar
      ? [{ filename: 'booking.ics', content: calendar, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }]
      : [],
  };
}

/** An instant in a zone, the zone named: until when an offer holds its seats. */
function untilLabel(iso: string, timeZone: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  return format.format(new Date(iso));
}

/**
 * When a session runs, in the reader's language, in the session's zone with the zone named (short
 * and by its IANA name): "14. März 2027, 09:00–17:00 Uhr MEZ (Europe/Berlin)". A session of several
 * meetings lists each.
 */
export function whenLabel(session: MailSession, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: session.timeZone,
    timeZoneName: 'short',
  });
  const meetings = session.meetings.length > 0 ? session.meetings : [session];
  const ranges = meetings.map((m) => format.formatRange(new Date(m.startsAt), new Date(m.endsAt)));
  return `${ranges.join('; ')} (${session.timeZone})`;
}
