import { createHash } from 'node:crypto';
import { toAdminBooking } from '../bookings/admin-booking-view.js';
import type { BookingRecord, HistoryEntry } from '../bookings/booking.js';
import type { CancellationPolicy } from '../../../common/contract.js';
import { sessionTimes } from '../courses/course-sessions.js';
import { mailLanguage } from '../messages/mail-language.js';
import type { MailFacts, MailSession } from '../messages/compose-mail.js';
import type { MailKind } from '../messages/mail-words.js';
import type { OutboxItem, SessionDoc, WebhookEndpoint } from '../store/index.js';
import { announcementsOf, webhookEventOf, type Announcement } from './announcements.js';

/** Who gets what: the student's mail (when mail is on), a line to the operator, and the subscribed endpoints. */
export interface Recipients {
  mailOn: boolean;
  operatorEmail: string | undefined;
  endpoints: WebhookEndpoint[];
  stripeMode: 'test' | 'live';
}

/** A message id derived from its key: the same on every retry, in every process. */
export function messageIdOf(key: string): string {
  return `msg_${createHash('sha256').update(key).digest('base64url').slice(0, 24)}`;
}

/** The outbox items of a booking's announcements not written yet: mails and webhook deliveries. */
export function bookingItems(
  booking: BookingRecord,
  session: SessionDoc | null,
  to: Recipients,
  at: Date,
  policy: CancellationPolicy | null = null,
) {
  const items = announcementsOf(booking).flatMap((announcement) =>
    itemsOf(announcement, booking, session, to, at, policy),
  );
  // Due a millisecond apart, in the order of the history: the sender keeps a booking's news in order.
  return items.map((item, i) => ({ ...item, nextAttemptAt: new Date(at.getTime() + i) }));
}

function itemsOf(
  announcement: Announcement,
  booking: BookingRecord,
  session: SessionDoc | null,
  to: Recipients,
  at: Date,
  policy: CancellationPolicy | null,
): OutboxItem[] {
  const { key, kind, entry } = announcement;
  const items: OutboxItem[] = [];
  const email = booking.checkout.customerEmail;
  // A booking its student cancelled is told so in their words, not as the organiser's cancellation.
  const mailKind: MailKind = kind === 'cancelled' && booking.cancellation?.by === 'student' ? 'withdrawn' : kind;
  if (to.mailOn && email) {
    // A confirmation says the course's cancellation policy, as it stood when the booking was paid.
    const facts = {
      ...mailFacts(booking, session, mailKind, entry),
      ...(kind === 'confirmed' && policy ? { policy } : {}),
    };
    items.push(mailItem(`${key}:mail`, mailKind, booking.id, email, facts, at));
  }
  if (to.mailOn && to.operatorEmail && kind === 'confirmed') {
    const facts = { ...mailFacts(booking, session, kind), language: 'en' as const };
    items.push(mailItem(`${key}:operator`, 'operator', booking.id, to.operatorEmail, facts, at));
  }
  const type = webhookEventOf(announcement);
  if (type) {
    const data = { booking: toAdminBooking(booking, to.stripeMode) };
    items.push(...webhookItems(key, type, booking.id, data, to.endpoints, at));
  }
  return items;
}

/** The deliveries of one event to every enabled endpoint that takes its type, under one `webhook-id`. */
export function webhookItems(
  key: string,
  type: string,
  bookingId: string | null,
  data: Record<string, unknown>,
  endpoints: WebhookEndpoint[],
  at: Date,
): OutboxItem[] {
  const messageId = messageIdOf(key);
  const payload = { type, timestamp: at.toISOString(), data };
  return endpoints
    .filter((e) => e.enabled && e.events.includes(type))
    .map((endpoint) => ({
      ...fresh(at),
      id: `${key}:${endpoint.id}`,
      channel: 'webhook' as const,
      kind: type,
      bookingId,
      to: endpoint.url,
      endpointId: endpoint.id,
      messageId,
      payload,
    }));
}

/** The `session.cancelled` deliveries of a cancelled session (one key per session: it is cancelled once). */
export function sessionCancelledItems(session: SessionDoc, endpoints: WebhookEndpoint[], at: Date): OutboxItem[] {
  const data = {
    session: {
      ...sessionTimes(session),
      courseId: session.courseId,
      cancelledAt: (session.cancelledAt ?? at).toISOString(),
    },
  };
  const key = `session:${session.courseId}:${session.sessionId}:cancelled`;
  return webhookItems(key, 'session.cancelled', null, data, endpoints, at);
}

/** A mail of a booking as an outbox item. */
export function mailItem(
  id: string,
  kind: MailKind,
  bookingId: string,
  to: string,
  facts: MailFacts,
  at: Date,
): OutboxItem {
  return {
    ...fresh(at),
    id,
    channel: 'mail',
    kind,
    bookingId,
    to,
    endpointId: null,
    messageId: messageIdOf(id),
    payload: { ...facts },
  };
}

/**
 * What a booking's mail says, as the booking is now (its session's online link only once paid); a
 * refund says what its own step sent back (a part, or the rest).
 */
export function mailFacts(
  booking: BookingRecord,
  session: SessionDoc | null,
  kind: MailKind,
  entry?: HistoryEntry,
): MailFacts {
  const paidKinds: MailKind[] = ['confirmed', 'moved', 'reminder', 'operator'];
  const paid = booking.amountPaid ?? booking.amount;
  return {
    language: mailLanguage(booking.checkout.locale),
    bookingId: booking.id,
    course: booking.courseTitle,
    currency: booking.currency,
    amountPaid: paid,
    amountRefunded:
      kind === 'cancelled' || kind === 'withdrawn'
        ? (booking.cancellation?.amountRefunded ?? 0)
        : (entry?.amount ?? paid),
    session: session ? mailSession(session, paidKinds.includes(kind)) : null,
    link: pageOf(booking.checkout.returnUrl),
  };
}

export function mailSession(session: SessionDoc, paid: boolean): MailSession {
  const times = sessionTimes(session);
  return {
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    timeZone: times.timeZone,
    location: session.location,
    onlineUrl: paid ? session.onlineUrl : null,
    meetings: times.meetings ?? [],
  };
}

/** The page the student booked on, without the return parameters of a checkout. */
function pageOf(returnUrl: string): string {
  const url = new URL(returnUrl);
  for (const name of ['cb_booking', 'cb_result', 'cb_ticket']) url.searchParams.delete(name);
  return url.toString();
}

function fresh(at: Date) {
  return {
    state: 'pending' as const,
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
    sentAt: null,
    lastError: null,
    lastStatus: null,
  };
}
