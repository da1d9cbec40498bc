import type { Course, CreateBookingResponse } from '../../../server/src/contract.js';
import { ApiError, createBooking } from '../api/client.js';
import { AuthError, authClientFor, type TokenSource } from '../auth/auth-client.js';
import type { CbErrorCode } from '../events/events.js';

/** How a checkout attempt ended, when it did not leave the page. */
export type CheckoutOutcome =
  | { kind: 'checkout'; response: CreateBookingResponse }
  | { kind: 'booked' }
  | { kind: 'failed'; code: CbErrorCode; message: string };

/** What a checkout needs: the backend, the course, where Stripe returns, and an optional token source. */
export interface CheckoutRequest {
  api: string;
  course: Course;
  returnUrl: string;
  getToken: TokenSource | undefined;
  /** Called once a token is at hand, before the booking is created. */
  onSignedIn: () => void;
}

/**
 * Signs in if needed and creates the booking's Checkout Session. Must be called synchronously from
 * the click: when there is no token, the sign-in popup opens before anything is awaited.
 */
export function startCheckout(request: CheckoutRequest): Promise<CheckoutOutcome> {
  const auth = authClientFor(request.api);
  const token = request.getToken ? request.getToken() : Promise.resolve(auth.current() ?? auth.signIn());
  return token.then(
    async (value) => {
      if (!value) return failed('unauthenticated', 'Sign in to book.');
      request.onSignedIn();
      try {
        const response = await createBooking(request.api, value, {
          courseId: request.course.id,
          returnUrl: request.returnUrl,
          mode: 'redirect',
        });
        return { kind: 'checkout', response } as const;
      } catch (error) {
        return explain(error, () => auth.clear());
      }
    },
    (error: unknown) =>
      error instanceof AuthError && error.code === 'popup_blocked'
        ? failed('popup_blocked', 'Your browser blocked the sign-in window. Allow pop-ups for this site and try again.')
        : failed('popup_closed', 'Sign-in was closed before it finished.'),
  );
}

function explain(error: unknown, forgetToken: () => void): CheckoutOutcome {
  if (!(error instanceof ApiError)) return failed('checkout_failed', 'The checkout could not start. Try again.');
  switch (error.code) {
    case 'already_booked':
      return { kind: 'booked' };
    case 'unauthenticated':
      forgetToken();
      return failed('unauthenticated', 'Your sign-in has expired. Press the button to sign in again.');
    case 'payments_unavailable':
    case 'rate_limited':
      return failed(error.code, 'Payments are unavailable right now. Try again in a moment.');
    case 'network_error':
      return failed('network_error', 'The booking service cannot be reached. Try again.');
    default:
      return failed('checkout_failed', error.message);
  }
}

function failed(code: CbErrorCode, message: string): CheckoutOutcome {
  return { kind: 'failed', code, message };
}
