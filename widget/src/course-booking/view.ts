import type { BookingStatus as Booking, Course } from '../../../common/contract.js';
import type { CbErrorCode } from '../events/events.js';
import type { Messages } from '../i18n/messages.js';

type Busy = 'signing-in' | 'creating' | 'redirecting' | 'checking' | 'processing' | 'embedded';

/** Every state `<course-booking>` can show. */
export type View =
  | { state: 'loading' }
  | { state: 'error'; code: CbErrorCode; message: keyof Messages }
  | { state: 'ready'; course: Course; note?: keyof Messages; retry?: boolean; resume?: boolean }
  | { state: Busy; course: Course; note?: keyof Messages }
  /** `paid`: what the student paid, when known (a promotion code may have lowered it). */
  | { state: 'booked'; course: Course; note?: keyof Messages; paid?: number | undefined }
  | { state: 'continue'; course: Course; url: string }
  | { state: 'sold-out'; course: Course }
  | { state: 'unavailable' };

/** What the live region announces in each busy state. */
export const announce: Partial<Record<View['state'], keyof Messages>> = {
  loading: 'loadingPrice',
  'signing-in': 'signingIn',
  creating: 'opening',
  redirecting: 'redirecting',
  checking: 'checkingPayment',
  processing: 'processing',
  'sold-out': 'soldOut',
};

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
  booking: Booking,
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
  const notes: Partial<Record<Booking['paymentStatus'], keyof Messages>> = {
    failed: 'failed',
    expired: 'expired',
    refunded: 'refunded',
  };
  return { view: { state: 'ready', course, note: notes[status] ?? 'cancelled', retry: true }, paid: false };
}
