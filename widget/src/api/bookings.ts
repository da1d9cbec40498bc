import type {
  ApiErrorBody,
  Attendee,
  Booking,
  BookingList,
  BookingStatus,
  CreateBookingRequest,
  CreateBookingResponse,
  WaitlistEntry,
} from '../../../common/contract.js';
import { ApiError, base, request } from './client.js';

/** Starts a booking's checkout as the signed-in student. */
export function createBooking(api: string, token: string, body: CreateBookingRequest): Promise<CreateBookingResponse> {
  return request(`${base(api)}/api/bookings/create`, token, body);
}

/**
 * The signed-in student's bookings, newest first, a page at a time (`cursor`: the previous page's
 * `next`); with `courseId`, their booking of that course (if any); with `courseIds`, their bookings
 * of those courses (up to 50).
 */
export function listBookings(
  api: string,
  token: string,
  {
    courseId,
    courseIds,
    cursor,
    limit,
  }: { courseId?: string; courseIds?: string[]; cursor?: string; limit?: number } = {},
): Promise<BookingList> {
  const query = new URLSearchParams();
  if (courseId) query.set('courseId', courseId);
  if (courseIds) query.set('courseIds', courseIds.join(','));
  if (cursor) query.set('cursor', cursor);
  if (limit) query.set('limit', String(limit));
  const search = query.size ? `?${query}` : '';
  return request(`${base(api)}/api/bookings/user${search}`, token);
}

/** A dated booking's calendar file (iCalendar), as the signed-in student. */
export function downloadCalendar(api: string, token: string, id: string): Promise<Blob> {
  return send('GET', `${base(api)}/api/bookings/${encodeURIComponent(id)}/calendar.ics`, token).then((res) =>
    res.blob(),
  );
}

/** Everything the backend holds about the signed-in student (their bookings, attendees, waiting lists), as a JSON file. */
export function downloadMyData(api: string, token: string): Promise<Blob> {
  return send('GET', `${base(api)}/api/me/data`, token).then((res) => res.blob());
}

/** Erases the signed-in student's personal data (paid bookings stay, without the names and addresses). */
export async function eraseMyData(api: string, token: string): Promise<void> {
  await send('DELETE', `${base(api)}/api/me/data`, token);
}

/** Cancels one of the signed-in student's paid bookings within the course's policy: the booking, and what goes back. */
export function cancelBooking(
  api: string,
  token: string,
  id: string,
): Promise<{ booking: Booking; refund: { amount: number; currency: string } | null }> {
  return request(`${base(api)}/api/bookings/${encodeURIComponent(id)}/cancel`, token, {});
}

/** Moves one of the signed-in student's paid bookings to another date of its course, while the policy allows. */
export function moveBooking(api: string, token: string, id: string, sessionId: string): Promise<{ booking: Booking }> {
  return request(`${base(api)}/api/bookings/${encodeURIComponent(id)}/move`, token, { sessionId });
}

/** The invoice of one of the signed-in student's bookings: its number, and Stripe's page (null until finalized). */
export function getInvoice(
  api: string,
  token: string,
  id: string,
): Promise<{ id: string; number: string | null; url: string | null }> {
  return request(`${base(api)}/api/bookings/${encodeURIComponent(id)}/invoice`, token);
}

/** One of the signed-in student's bookings, with its history. */
export function getBooking(api: string, token: string, id: string): Promise<Booking> {
  return request(`${base(api)}/api/bookings/${encodeURIComponent(id)}`, token);
}

/**
 * Asks the backend to settle a booking with Stripe: with the return ticket Stripe brought back, or
 * as its signed-in student (`token`, after an embedded checkout completed on the page).
 */
export function syncBooking(api: string, id: string, ticket: string, token?: string): Promise<BookingStatus> {
  return request(
    `${base(api)}/api/bookings/${encodeURIComponent(id)}/sync`,
    token,
    {},
    token ? {} : { 'x-return-ticket': ticket },
  );
}

/**
 * Changes who one of the signed-in student's bookings' seats are for, and their answers (`PUT`,
 * which the shared reader does not send: its bytes load before the price).
 */
export async function editAttendees(
  api: string,
  token: string,
  id: string,
  attendees: Attendee[],
): Promise<{ booking: Booking }> {
  const res = await send('PUT', `${base(api)}/api/bookings/${encodeURIComponent(id)}/attendees`, token, { attendees });
  return (await res.json()) as { booking: Booking };
}

/** Joins the waiting list of a sold-out course (or date of it) as the signed-in student. */
export function joinWaitlist(
  api: string,
  token: string,
  body: { courseId: string; sessionId?: string; quantity: number; returnUrl: string; locale?: string },
): Promise<{ entry: WaitlistEntry }> {
  return request(`${base(api)}/api/waitlist`, token, body);
}

/** The signed-in student's waiting-list entries: place in line, offers. */
export function listWaitlist(api: string, token: string): Promise<{ entries: WaitlistEntry[] }> {
  return request(`${base(api)}/api/waitlist/user`, token);
}

/** Leaves a waiting list. */
export async function leaveWaitlist(api: string, token: string, id: string): Promise<void> {
  await send('DELETE', `${base(api)}/api/waitlist/${encodeURIComponent(id)}`, token);
}

/**
 * A request as the signed-in student in a method or for an answer the shared reader does not
 * handle (its bytes load before the price): the response when it is a success, else an ApiError.
 */
async function send(method: string, url: string, token: string, body?: unknown): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'omit',
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError('network_error', 'The booking service cannot be reached.');
  }
  if (res.ok) return res;
  const error = ((await res.json().catch(() => null)) as ApiErrorBody | null)?.error;
  throw new ApiError(
    error?.code ?? 'server_error',
    error?.message ?? `The booking service answered ${res.status}.`,
    res.status,
    error,
  );
}
