import type { Booking, BookingStatus, Course } from '../../../common/contract.js';
import { listBookings } from '../api/bookings.js';
import { authClientFor, signedOutEvent, type TokenSource } from '../auth/auth-client.js';
import type { View } from './view.js';

/** Per backend, each course's answer: the student's bookings of it (one per date of a course on dates). */
const asked = new Map<string, Map<string, Promise<BookingStatus[]>>>();

/**
 * The signed-in student's bookings of a course, if the page holds a token (never a sign-in): one,
 * or one per date. The first element to ask asks for every course on the page (`pageCourses`) in
 * one request; an element added later asks for what was not asked yet.
 */
export function ownBookings(
  api: string,
  courseId: string,
  getToken: TokenSource | undefined,
  pageCourses: () => string[],
): Promise<BookingStatus[]> {
  let known = asked.get(api);
  if (!known) asked.set(api, (known = new Map()));
  if (!known.has(courseId)) {
    const ids = [...new Set([courseId, ...pageCourses()])].filter((id) => !known.has(id)).slice(0, 50);
    const token = getToken ? getToken().catch(() => undefined) : Promise.resolve(authClientFor(api).current());
    const found = token
      .then((value) => (value ? listBookings(api, value, { courseIds: ids }) : { bookings: [] }))
      .then((list) => list.bookings as BookingStatus[])
      .catch(() => []);
    for (const id of ids)
      known.set(
        id,
        found.then((bookings) => bookings.filter((b) => b.courseId === id)),
      );
  }
  return known.get(courseId)!;
}

// Signed out (from the dashboard, say): what was asked was theirs; the next element asks again.
window.addEventListener(signedOutEvent, () => asked.clear());

/**
 * What a returning student's booking shows on the course: Booked once paid, processing while the
 * money is on its way, Complete payment while a checkout waits; nothing for a booking that ended
 * (the course can be booked again).
 */
export function ownView(course: Course, booking: BookingStatus | undefined): View | undefined {
  switch (booking?.paymentStatus) {
    case 'paid':
    case 'disputed':
      return { state: 'booked', course, note: 'paid', paid: (booking as Partial<Booking>).amountPaid ?? undefined };
    case 'processing':
      return { state: 'processing', course, note: 'processingLong' };
    case 'pending':
      return { state: 'ready', course, note: 'awaitingPayment', resume: true };
    default:
      return undefined;
  }
}
