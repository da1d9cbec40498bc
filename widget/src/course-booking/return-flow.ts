import type { BookingStatus, Course } from '../../../common/contract.js';
import type { Messages } from '../i18n/messages.js';
import type { View } from './view.js';
import { getBooking, syncBooking } from '../api/bookings.js';

/** What Stripe put on the return URL. */
export interface ReturnParams {
  bookingId: string;
  result: 'success' | 'cancel';
  ticket: string;
  /** Not from the address: the student's token, when an embedded checkout completed on the page. */
  token?: string;
}

const names = ['cb_booking', 'cb_result', 'cb_ticket'];

/** The return parameters on this page's address, if Stripe just sent the student back. */
export function readReturn(): ReturnParams | null {
  const params = new URLSearchParams(location.search);
  const bookingId = params.get('cb_booking');
  const result = params.get('cb_result');
  const ticket = params.get('cb_ticket') ?? '';
  if (!bookingId || (result !== 'success' && result !== 'cancel')) return null;
  return { bookingId, result, ticket };
}

/** Takes the return parameters out of the address bar, so a reload or a shared link does not replay them. */
export function clearReturn(): void {
  try {
    history.replaceState(history.state, '', returnAddress());
  } catch {
    // A sandboxed document may refuse; the parameters then stay, harmlessly.
  }
}

/** This page's address without the return parameters: where Stripe should send the student back. */
export function returnAddress(): string {
  const url = new URL(location.href);
  names.forEach((name) => url.searchParams.delete(name));
  return url.toString();
}

// Every element on the page asks; one sync answers them all.
const first = new Map<string, Promise<BookingStatus>>();

/** Syncs the returned booking once per page; `fresh` asks again (for polling). */
export function syncReturned(api: string, params: ReturnParams, fresh = false): Promise<BookingStatus> {
  if (fresh || params.token) return syncBooking(api, params.bookingId, params.ticket, params.token);
  let pending = first.get(params.bookingId);
  if (!pending) first.set(params.bookingId, (pending = syncBooking(api, params.bookingId, params.ticket)));
  return pending;
}

/**
 * Checkout opened in another tab (from a frame that may not move its page): asks the backend about
 * the booking every few seconds, for as long as `waiting()` says, and answers it once it is booked
 * (or null when the wait ends). Failed reads are simply asked again.
 */
export async function waitForPayment(
  api: string,
  bookingId: string,
  token: string,
  waiting: () => boolean,
  everyMs = 3_000,
): Promise<BookingStatus | null> {
  for (let polls = 0; polls < 600 && waiting(); polls += 1) {
    await new Promise((r) => setTimeout(r, everyMs));
    if (!waiting()) break;
    const booking = await getBooking(api, token, bookingId).catch(() => null);
    if (booking?.paymentStatus === 'paid' || booking?.paymentStatus === 'disputed') return booking;
  }
  return null;
}

/** Waits before each poll of a booking that is still settling: about a minute in all. */
export const pollDelaysMs = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

const announced = new Set<string>();

/**
 * True the first time this browser is asked about a booking: `cb-paid` fires once per booking, not
 * again on a reload or when the return link is opened again. Remembered in `localStorage` (per host
 * origin); in memory for this page where storage is refused.
 */
export function firstPaidNotice(bookingId: string): boolean {
  const key = `cb-paid:${bookingId}`;
  if (announced.has(key)) return false;
  announced.add(key);
  try {
    if (localStorage.getItem(key)) return false;
    localStorage.setItem(key, '1');
  } catch {
    // Storage refused (a sandboxed frame, privacy settings): once per page then.
  }
  return true;
}

/** What to show once back from Checkout, whether the booking is newly paid, and when to ask again. */
export interface ReturnOutcome {
  view: View;
  paid: boolean;
  pollInMs?: number;
}

/**
 * The honest status after a return: Booked when paid; processing (or checking) while the money is
 * on its way, asking again after `nextPollMs` until the polls run out; otherwise an explanation
 * and Try again.
 */
export function viewAfterReturn(
  course: Course,
  booking: BookingStatus,
  result: 'success' | 'cancel',
  nextPollMs: number | undefined,
): ReturnOutcome {
  const status = booking.paymentStatus;
  if (status === 'paid' || status === 'disputed')
    return { view: { state: 'booked', course, note: 'paid' }, paid: true };
  if (status === 'processing' || (status === 'pending' && result === 'success')) {
    if (nextPollMs === undefined) return { view: { state: 'processing', course, note: 'processingLong' }, paid: false };
    return {
      view: { state: status === 'processing' ? 'processing' : 'checking', course },
      paid: false,
      pollInMs: nextPollMs,
    };
  }
  const notes: Partial<Record<BookingStatus['paymentStatus'], keyof Messages>> = {
    failed: 'failed',
    expired: 'expired',
    refunded: 'refunded',
  };
  return { view: { state: 'ready', course, note: notes[status] ?? 'cancelled', retry: true }, paid: false };
}
