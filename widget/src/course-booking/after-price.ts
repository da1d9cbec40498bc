import type { BookingStatus, Course } from '../../../common/contract.js';
import { CbErrorEvent, CbPaidEvent, CbRedirectEvent, cbDetail } from '../events/events.js';
import { base, forgetCourse } from '../api/client.js';
import type { CheckoutOutcome } from './checkout.js';
import { ownBookings, ownView } from './own-bookings.js';
import {
  clearReturn,
  firstPaidNotice,
  pollDelaysMs,
  syncReturned,
  viewAfterReturn,
  waitForPayment,
  type ReturnParams,
} from './return-flow.js';
import type { BookingHost, View } from './view.js';
import { showWaits } from './waitlist.js';

/*
 * What `<course-booking>` does once its price shows: the return from Checkout, a returning
 * student's own state, and the end of a checkout. Part of the flow chunk, so none of it is in the
 * bytes before the price.
 */

/** Back from Checkout: ask the backend (which asks Stripe) where the payment stands. */
export async function resume(host: BookingHost, course: Course, returned: ReturnParams, attempt = 0): Promise<void> {
  if (attempt === 0) host.view = { state: 'checking', course };
  let booking: BookingStatus;
  try {
    booking = await syncReturned(host.apiBase, returned, attempt > 0);
  } catch {
    host.view = { state: 'ready', course };
    return;
  }
  // Every element on the page asks; the one showing the booked course answers.
  if (booking.courseId !== course.id) {
    if (attempt === 0) host.view = { state: 'ready', course };
    return showOwn(host, course);
  }
  clearReturn();
  const outcome = viewAfterReturn(course, booking, returned.result, pollDelaysMs[attempt]);
  host.view = outcome.view;
  if (outcome.paid) {
    // The student's next stop: focus moves from the page (which the checkout reloaded) to the news.
    void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('.note')?.focus());
    void showOwn(host, course);
    if (firstPaidNotice(booking.id)) host.dispatchEvent(new CbPaidEvent(booking, course));
  }
  if (outcome.pollInMs !== undefined) {
    host.pollTimer = setTimeout(() => void resume(host, course, returned, attempt + 1), outcome.pollInMs);
  }
}

/**
 * A returning student (the page holds their token) sees their own state of the course: Booked,
 * processing, Complete payment. One request for every element of the page, after the price.
 */
export async function showOwn(host: BookingHost, course: Course): Promise<void> {
  // What the flow draws after the price (the policy, the seats stepper) shows now.
  host.requestUpdate();
  // Sold out: where the student stands on its waiting list (or the seats held for them).
  void showWaits(host, course);
  const pageCourses = () => host.peers().flatMap((e) => (e.course ? [e.course] : []));
  const mine = await ownBookings(host.apiBase, course.id, host.getToken, pageCourses);
  // A course on dates: a booking of one date leaves the others to book; the picker marks it.
  if (course.sessions?.length) return void (host.mine = mine);
  const own = ownView(course, mine[0]);
  const { view } = host;
  if (!own || !('course' in view) || view.course !== course) return;
  if (view.state === 'ready' || view.state === 'sold-out') host.view = own;
  // Booked already (back from Checkout): what was paid, which a promotion code may have lowered.
  else if (view.state === 'booked' && own.state === 'booked') host.view = { ...view, paid: own.paid };
}

/** Where a started checkout goes: booked at once, a failure explained, Stripe's form here, or Stripe's page. */
export function finishCheckout(host: BookingHost, course: Course, outcome: CheckoutOutcome): void {
  // Removed from the page while the checkout was being created: no redirect, no dialog.
  if (!host.isConnected) return;
  if (outcome.kind === 'cancelled') {
    // Closed the dialog asking who is coming: back to the button that opened it.
    host.view = { state: 'ready', course };
    void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('[part="button"]')?.focus());
    return;
  }
  if (outcome.kind === 'booked') {
    host.view = { state: 'booked', course, note: outcome.booking?.paymentStatus === 'paid' ? 'paid' : undefined };
    return;
  }
  if (outcome.kind === 'failed') {
    const { code, message } = outcome;
    if (code === 'course_unavailable') host.view = { state: 'unavailable' };
    else if (code === 'sold_out') soldOut(host, course);
    else if (code === 'quantity_unavailable') {
      // Fewer seats left than asked: the stepper now stops at what is left.
      const left = withSeatsLeft(course, host.chosen, outcome.seatsLeft ?? 1);
      host.view = { state: 'ready', course: left, note: message, retry: true };
    }
    // Where the sign-in window cannot open, the course's own page books instead.
    else {
      const page = code === 'popup_blocked' ? hostedPage(host, course) : undefined;
      host.view = { state: 'ready', course, note: message, retry: true, page };
    }
    if (code !== 'course_unavailable')
      host.dispatchEvent(new CbErrorEvent(code, host.t[message], cbDetail(course, host.chosen)));
    return;
  }
  const { booking, checkout } = outcome.response;
  if (!checkout) {
    // A free course: booked at once, no payment page.
    host.view = { state: 'booked', course };
    if (firstPaidNotice(booking.id)) host.dispatchEvent(new CbPaidEvent(booking, course));
    return;
  }
  if (!('url' in checkout)) {
    host.view = { state: 'embedded', course };
    void import('../embedded/embedded-checkout.js')
      .then(({ openEmbeddedCheckout }) =>
        openEmbeddedCheckout(
          checkout,
          { title: course.title, close: host.t.closeCheckout },
          resolvedTheme(host),
          () => {
            host.view = { state: 'ready', course };
            // Focus goes back to the button that opened the dialog.
            void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('[part="button"]')?.focus());
          },
          // Paid on the page: ask the backend (which asks Stripe) as the student, as after a return.
          () =>
            void resume(host, course, { bookingId: booking.id, result: 'success', ticket: '', token: outcome.token }),
        ),
      )
      .catch(() =>
        finishCheckout(host, course, { kind: 'failed', code: 'checkout_failed', message: 'checkoutFailed' }),
      );
    return;
  }
  if (
    !host.dispatchEvent(new CbRedirectEvent(checkout.url, booking.id, cbDetail(course, booking.sessionId, booking.id)))
  ) {
    host.view = { state: 'ready', course };
    return;
  }
  if (window.top !== window.self) {
    // In a frame, the top window may not be ours to navigate (sandboxed iframes): a link opens a
    // new tab, and the frame asks after the booking meanwhile, to say Booked once it is paid.
    const view: View = { state: 'continue', course, url: checkout.url };
    host.view = view;
    void waitForPayment(host.apiBase, booking.id, outcome.token, () => host.isConnected && host.view === view).then(
      (paid) => {
        if (!paid || host.view !== view) return;
        host.view = { state: 'booked', course, note: 'paid' };
        if (firstPaidNotice(paid.id)) host.dispatchEvent(new CbPaidEvent(paid, course));
      },
    );
    return;
  }
  host.view = { state: 'redirecting', course };
  location.assign(checkout.url);
}

/** The last seat went: this element and every other one offering the course say Sold out, with no seat count. */
function soldOut(host: BookingHost, course: Course): void {
  forgetCourse(host.apiBase, course.id);
  const gone: Course = { ...course, seatsLeft: 0, soldOut: true };
  for (const element of host.peers()) {
    const { view } = element;
    if ('course' in view && view.course.id === course.id)
      if (element === host || view.state === 'ready') element.view = { state: 'sold-out', course: gone };
  }
}

/** The course with the seats left that the backend just said, for the course or for the date picked. */
function withSeatsLeft(course: Course, sessionId: string | undefined, seatsLeft: number): Course {
  if (!sessionId || !course.sessions) return { ...course, seatsLeft };
  return { ...course, sessions: course.sessions.map((s) => (s.id === sessionId ? { ...s, seatsLeft } : s)) };
}

/** The course's own page on the backend (the date picked, if any): where a student books when this page cannot. */
function hostedPage(host: BookingHost, course: Course): string {
  const date = host.chosen ? `/${encodeURIComponent(host.chosen)}` : '';
  return `${base(host.apiBase)}/c/${encodeURIComponent(course.id)}${date}`;
}

/** The theme as it resolved on the card, for what is drawn outside the shadow root (the checkout dialog). */
function resolvedTheme(host: BookingHost) {
  const style = getComputedStyle(host.renderRoot.querySelector('.card') ?? host);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    accent: read('--_accent', '#4f46e5'),
    accentText: read('--cb-accent-text', '#fff'),
    radius: read('--_radius', '.5em'),
  };
}
