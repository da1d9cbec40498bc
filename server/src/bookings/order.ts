import type { Attendee } from '../../../common/contract.js';
import type { CachedCourse } from '../courses/catalog.js';
import { maxStripeAmount } from '../courses/currencies.js';
import { checkAttendees } from '../courses/questions.js';
import { errors } from '../errors.js';
import type { BookingRecord } from './booking.js';

/** What one purchase buys: how many seats, who they are for, and their price together. */
export interface Order {
  quantity: number;
  /** One per seat; null when the course asks nothing and one seat was bought without names. */
  attendees: Attendee[] | null;
  amount: number;
}

/** What a create request says of its order: either may be absent. */
export interface OrderRequest {
  quantity?: number | undefined;
  attendees?: Attendee[] | undefined;
}

/**
 * The order an attempt is for: the request's when it names seats or attendees; else the booking's
 * own (Complete payment from the dashboard names neither, and keeps the group as it was); else one
 * seat. Checked against the course: at most `maxPerOrder` seats, no more than one payment can take,
 * and attendees named (one per seat, each question answered) for a group or a course that asks.
 */
export function orderOf(request: OrderRequest, booking: BookingRecord | null, found: CachedCourse): Order {
  const price = found.course.price;
  if (booking && request.quantity === undefined && request.attendees === undefined) {
    return { quantity: booking.quantity, attendees: booking.attendees ?? null, amount: price * booking.quantity };
  }
  const quantity = request.quantity ?? 1;
  if (quantity > found.maxPerOrder) {
    const most = found.maxPerOrder === 1 ? 'one seat' : `${found.maxPerOrder} seats`;
    throw errors.invalidRequest(`This course sells at most ${most} per purchase.`, {
      quantity: `must be at most ${found.maxPerOrder} for this course`,
    });
  }
  if (price * quantity > maxStripeAmount) {
    throw errors.invalidRequest('That many seats cost more than one payment can take.', {
      quantity: `must be at most ${Math.floor(maxStripeAmount / price)} at this price`,
    });
  }
  return { quantity, attendees: attendeesOf(request.attendees, quantity, found), amount: price * quantity };
}

function attendeesOf(attendees: Attendee[] | undefined, quantity: number, found: CachedCourse): Attendee[] | null {
  if (attendees) return checkAttendees(attendees, quantity, found.questions);
  if (quantity === 1 && found.questions.length === 0) return null;
  const who = quantity === 1 ? 'the attendee' : `each of the ${quantity} attendees`;
  throw errors.invalidRequest(`Name ${who} and answer the course's questions.`, {
    attendees: `must name ${who}`,
  });
}

/** Whether two orders are for the same seats and people (an open checkout serves the same order only). */
export function sameOrder(a: Pick<BookingRecord, 'quantity' | 'attendees'>, b: typeof a): boolean {
  return a.quantity === b.quantity && JSON.stringify(a.attendees ?? null) === JSON.stringify(b.attendees ?? null);
}
