import type { BookingRecord, HistoryEntry, PaymentStatus } from '../bookings/booking.js';

/** What a move of a booking tells the student and the operator's systems. */
export type AnnouncementKind = 'confirmed' | 'incomplete' | 'refunded' | 'cancelled' | 'moved';

/** One thing to announce about a booking, under a key that is the same however often it is derived. */
export interface Announcement {
  /** `<booking>:<kind>:<occasion>`: the attempt (`attempt-2`), or the move's own id. */
  key: string;
  kind: AnnouncementKind;
  entry: HistoryEntry;
}

/** The outgoing webhook event each announcement is (a payment that did not complete is one only when it expired). */
export function webhookEventOf(announcement: Announcement): string | null {
  switch (announcement.kind) {
    case 'confirmed':
      return 'booking.paid';
    case 'refunded':
      return 'booking.refunded';
    case 'cancelled':
      return 'booking.cancelled';
    case 'moved':
      return 'booking.moved';
    case 'incomplete':
      return announcement.entry.status === 'expired' ? 'booking.expired' : null;
  }
}

/**
 * What a booking's history entries from `booking.announced` on announce. Read from the whole
 * history, so each key names its attempt (an `attempt_<booking>_<n>` entry starts attempt n): a
 * payment confirmed again (a dispute won) or a webhook applied twice derives the same key, and so
 * the same message, never a second one.
 */
export function announcementsOf(booking: BookingRecord): Announcement[] {
  const from = booking.announced ?? 0;
  const found: Announcement[] = [];
  let attempt = 1;
  let previous: PaymentStatus | null = null;
  booking.history.forEach((entry, index) => {
    const started = /^attempt_.+_(\d+)$/.exec(entry.eventId);
    if (started) attempt = Number(started[1]);
    const kind = kindOf(entry, previous);
    previous = entry.status;
    if (index < from || !kind) return;
    // A move, or a part of the payment sent back, is its own occasion (its event); the rest, the attempt's.
    const own = kind === 'moved' || (kind === 'refunded' && entry.status !== 'refunded');
    const occasion = own ? entry.eventId : `attempt-${attempt}`;
    found.push({ key: `${booking.id}:${kind}:${occasion}`, kind, entry });
  });
  return found;
}

function kindOf(entry: HistoryEntry, previous: PaymentStatus | null): AnnouncementKind | null {
  if (entry.type === 'booking.moved') return 'moved';
  // Money sent back while the booking keeps its state: a partial refund, or more of a cancelled one's.
  if (entry.type === 'charge.refunded' && entry.status !== 'refunded') return 'refunded';
  if (entry.status === previous) return null;
  switch (entry.status) {
    case 'paid':
      return 'confirmed';
    case 'expired':
    case 'failed':
      return 'incomplete';
    case 'refunded':
      return 'refunded';
    case 'cancelled':
      return 'cancelled';
    default:
      return null;
  }
}
