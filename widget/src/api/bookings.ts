import type {
  Booking,
  BookingList,
  BookingStatus,
  CreateBookingRequest,
  CreateBookingResponse,
} from '../../../common/contract.js';
import { base, request } from './client.js';

/** Starts a booking's checkout as the signed-in student. */
export function createBooking(api: string, token: string, body: CreateBookingRequest): Promise<CreateBookingResponse> {
  return request(`${base(api)}/api/bookings/create`, token, body);
}

/** The signed-in student's bookings, newest first; with `courseId`, their booking of that course (if any). */
export function listBookings(api: string, token: string, courseId?: string): Promise<BookingList> {
  const query = courseId ? `?courseId=${encodeURIComponent(courseId)}` : '';
  return request(`${base(api)}/api/bookings/user${query}`, token);
}

/** One of the signed-in student's bookings, with its history. */
export function getBooking(api: string, token: string, id: string): Promise<Booking> {
  return request(`${base(api)}/api/bookings/${encodeURIComponent(id)}`, token);
}

/** Asks the backend to settle a booking with Stripe, with the return ticket Stripe brought back. */
export function syncBooking(api: string, id: string, ticket: string): Promise<BookingStatus> {
  return request(
    `${base(api)}/api/bookings/${encodeURIComponent(id)}/sync`,
    undefined,
    {},
    { 'x-return-ticket': ticket },
  );
}
