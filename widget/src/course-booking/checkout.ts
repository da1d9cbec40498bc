import {
  trackingKeys,
  type Booking,
  type Course,
  type CreateBookingRequest,
  type CreateBookingResponse,
  type Tracking,
} from '../../../common/contract.js';
import { createBooking, listBookings } from '../api/bookings.js';
import { ApiError } from '../api/client.js';
import { AuthError, authClientFor, type TokenSource } from '../auth/auth-client.js';
import type { CbErrorCode } from '../events/events.js';
import type { Messages } from '../i18n/messages.js';
import { askAttendees, asksAttendees, buyerOf } from './attendee-form.js';
import { seatsWanted } from './quantity.js';
import type { BookingHost } from './view.js';

/** How a checkout attempt ended, short of leaving the page. */
export type CheckoutOutcome =
  | { kind: 'checkout'; response: CreateBookingResponse; token: string }
  | { kind: 'booked'; booking: Booking | undefined }
  /** The student closed the dialog that asks who is coming. */
  | { kind: 'cancelled' }
  | { kind: 'failed'; code: CbErrorCode; message: keyof Messages; seatsLeft?: number };

/** What a checkout needs: the backend, the course, where Stripe returns, and an optional token source. */
export interface CheckoutRequest {
  api: string;
  course: Course;
  returnUrl: string;
  mode: 'redirect' | 'embedded';
  /** The host page's language: the popup and Checkout speak it. */
  lang: string | undefined;
  getToken: TokenSource | undefined;
  /** Called once a token is at hand, before the booking is created. */
  onSignedIn: () => void;
  /** The dated session picked, for a course sold on dates. */
  sessionId?: string | undefined;
  /** The element booking: its `utm_*` and `ref` attributes say where the student came from, its stepper how many seats. */
  from?: BookingHost | undefined;
}

/**
 * Where the student came from: the host page's `utm_source`, `utm_medium`, `utm_campaign`,
 * `utm_term`, `utm_content` and `ref`, the element's attributes of the same names winning; each
 * kept to what the backend takes (printable, up to 200 characters), so a odd link never stops a booking.
 */
export function trackingOf(element: Element | undefined, search = location.search): Tracking | undefined {
  const page = new URLSearchParams(search);
  const found: Tracking = {};
  for (const key of trackingKeys) {
    const value = (element?.getAttribute(key) ?? page.get(key) ?? '')
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(0, 200);
    if (value) found[key] = value;
  }
  return Object.keys(found).length > 0 ? found : undefined;
}

/**
 * Signs in if needed and creates the booking's Checkout Session. Call it synchronously from the
 * click: without a token, the sign-in popup opens before anything is awaited.
 */
export function startCheckout(request: CheckoutRequest): Promise<CheckoutOutcome> {
  const auth = authClientFor(request.api);
  const token = request.getToken
    ? request.getToken()
    : Promise.resolve(auth.current() ?? auth.signIn(request.lang, request.course.id));
  return token.then(
    async (value) => {
      if (!value) return failed('unauthenticated', 'signInAgain');
      request.onSignedIn();
      try {
        // Asked first, so a student who already booked is told so without a refused request
        // (which browsers print as an error in the host page's console).
        const mine = (await listBookings(request.api, value, { courseId: request.course.id })).bookings;
        const tracking = trackingOf(request.from);
        const quantity = request.from ? seatsWanted(request.from, request.course) : 1;
        // Of a course on dates, the booking of the date picked.
        const existing = mine.find((b) => !request.sessionId || b.sessionId === request.sessionId);
        if (existing && settled.includes(existing.paymentStatus)) return { kind: 'booked', booking: existing } as const;
        const body: CreateBookingRequest = {
          courseId: request.course.id,
          ...(request.sessionId ? { sessionId: request.sessionId } : {}),
          // A course that sells several seats always hears how many: one, too.
          ...((request.course.maxPerOrder ?? 1) > 1 ? { quantity } : {}),
          returnUrl: request.returnUrl,
          mode: request.mode,
          ...(request.lang ? { locale: request.lang } : {}),
          ...(tracking ? { tracking } : {}),
        };
        const response =
          request.from && asksAttendees(request.course, quantity)
            ? await createNamed(request, value, body, quantity)
            : await createBooking(request.api, value, body);
        return response ? ({ kind: 'checkout', response, token: value } as const) : ({ kind: 'cancelled' } as const);
      } catch (error) {
        return explain(error, () => auth.clear());
      }
    },
    (error: unknown) =>
      error instanceof AuthError && error.code === 'popup_blocked'
        ? failed('popup_blocked', 'popupBlocked')
        : failed('popup_closed', 'popupClosed'),
  );
}

/**
 * Asks who is coming (the buyer prefilled first), then creates the booking with them; when the
 * server refuses some of what was typed, asks again with its word beside each field. Null when the
 * student closed the dialog.
 */
async function createNamed(
  request: CheckoutRequest,
  token: string,
  body: CreateBookingRequest,
  quantity: number,
): Promise<CreateBookingResponse | null> {
  let values = [buyerOf(token)];
  let problems: Record<string, string> = {};
  for (;;) {
    // The card is ready behind the dialog (not busy) while the student types.
    request.from!.view = { state: 'ready', course: request.course };
    const attendees = await askAttendees(request.from!, request.course, quantity, values, problems);
    if (!attendees) return null;
    request.onSignedIn();
    try {
      return await createBooking(request.api, token, { ...body, attendees });
    } catch (error) {
      const fields = error instanceof ApiError ? (error.body?.fields as Record<string, string> | undefined) : undefined;
      if (!fields || !Object.keys(fields).some((f) => f.startsWith('attendees'))) throw error;
      values = attendees;
      problems = fields;
    }
  }
}

/** A booking in these states is (or is about to be) paid: no second checkout. */
const settled: Booking['paymentStatus'][] = ['paid', 'processing', 'disputed'];

function explain(error: unknown, forgetToken: () => void): CheckoutOutcome {
  if (!(error instanceof ApiError)) return failed('checkout_failed', 'checkoutFailed');
  switch (error.code) {
    case 'already_booked':
    case 'payment_processing':
      return { kind: 'booked', booking: error.body?.booking as Booking | undefined };
    case 'unauthenticated':
      forgetToken();
      return failed('unauthenticated', 'signInAgain');
    case 'sold_out':
      return failed('sold_out', 'soldOut');
    case 'quantity_unavailable':
      return failed('quantity_unavailable', 'quantityUnavailable', Number(error.body?.seatsLeft));
    case 'course_unavailable':
      return failed('course_unavailable', 'unavailable');
    case 'payments_unavailable':
    case 'rate_limited':
      return failed(error.code, 'paymentsUnavailable');
    case 'network_error':
      return failed('network_error', 'unreachable');
    default:
      return failed('checkout_failed', 'checkoutFailed');
  }
}

function failed(code: CbErrorCode, message: keyof Messages, seatsLeft?: number): CheckoutOutcome {
  return { kind: 'failed', code, message, ...(seatsLeft === undefined ? {} : { seatsLeft }) };
}
