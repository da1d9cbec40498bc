import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { SessionDoc } from '../store/index.js';
import type { BookingRecord } from './booking.js';

/** The VTIMEZONE block of an IANA zone, so every calendar reads the times in the session's own zone. */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) ? (block[0] ?? null) : null;
}

/**
 * A booking's calendar file (iCalendar, RFC 5545), made with ical-generator: one event per meeting
 * (or one for the session), each time in the session's zone (TZID, with its VTIMEZONE), the
 * location, and the online link only for a paid booking.
 */
export function bookingCalendar(
  booking: Pick<BookingRecord, 'id' | 'courseTitle' | 'paymentStatus'>,
  session: Pick<SessionDoc, 'startsAt' | 'endsAt' | 'timeZone' | 'location' | 'onlineUrl' | 'meetings'>,
): string {
  const paid = booking.paymentStatus === 'paid' || booking.paymentStatus === 'disputed';
  const zone = session.timeZone;
  const calendar = ical({ name: booking.courseTitle, prodId: { company: 'course-booking', product: 'bookings' } });
  calendar.timezone({ name: zone, generator: vtimezone });
  const meetings = session.meetings.length > 0 ? session.meetings : [session];
  meetings.forEach((meeting, i) => {
    calendar.createEvent({
      id: `${booking.id}-${i + 1}@course-booking`,
      start: DateTime.fromJSDate(meeting.startsAt, { zone }),
      end: DateTime.fromJSDate(meeting.endsAt, { zone }),
      timezone: zone,
      summary: meetings.length > 1 ? `${booking.courseTitle} (${i + 1}/${meetings.length})` : booking.courseTitle,
      ...(session.location ? { location: session.location } : {}),
      ...(paid && session.onlineUrl ? { url: session.onlineUrl, description: session.onlineUrl } : {}),
    });
  });
  return calendar.toString();
}
