import { expect } from '@open-wc/testing';
import type { CbErrorEvent, CbPaidEvent, CbRedirectEvent } from '../events/events.js';
import {
  api,
  mountCourse,
  newStudent,
  next,
  partText,
  sandboxPay,
  tokenFor,
  until,
  waitForStatus,
} from '../../test/helpers.js';
import type { CourseBooking } from './course-booking.js';

// Book & Pay against the real backend and sandbox, with tokens supplied through `getToken` (no
// popup). The page stays put: every test cancels cb-redirect, as a host page may.
const redirects: CbRedirectEvent[] = [];
const keepPage = (event: Event) => {
  event.preventDefault();
  redirects.push(event as CbRedirectEvent);
};
beforeEach(() => {
  redirects.length = 0;
  document.addEventListener('cb-redirect', keepPage);
});
afterEach(() => {
  document.removeEventListener('cb-redirect', keepPage);
  document.querySelectorAll('body > div').forEach((d) => d.remove());
  history.replaceState(null, '', location.pathname);
});

const shadowButton = (element: CourseBooking) => element.shadowRoot!.querySelector<HTMLElement>('[part="button"]')!;

async function signedInWidget(course = 'intro-typescript', name = newStudent()) {
  const token = await tokenFor(name);
  const { element } = await mountCourse({ course });
  element.getToken = async () => token;
  return { element, name };
}

/** Presses Book & Pay and waits for the checkout the widget would go to. */
async function book(element: CourseBooking): Promise<CbRedirectEvent> {
  const redirected = next<CbRedirectEvent>(document, 'cb-redirect');
  shadowButton(element).click();
  return redirected;
}

const sessionIdOf = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('<course-booking> Book & Pay', () => {
  it("offers the course's own page, in a new tab, in a sandboxed frame whose sign-in window cannot open", async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin'); // no allow-popups
    const script = new URL('../index.ts', import.meta.url).pathname;
    frame.srcdoc = `<script type="module" src="${script}"></script><course-booking api="${api}" course="intro-typescript"></course-booking>`;
    const holder = document.createElement('div');
    holder.append(frame);
    document.body.append(holder);
    const inFrame = () => frame.contentDocument?.querySelector('course-booking')?.shadowRoot;
    await until(() => inFrame()?.querySelector('button')?.textContent?.trim() === 'Book & Pay');
    inFrame()!.querySelector('button')!.click();
    await until(() => inFrame()!.querySelector('[part="status"] a') !== null);
    const link = inFrame()!.querySelector<HTMLAnchorElement>('[part="status"] a')!;
    expect(link.href).to.equal(`${api}/c/intro-typescript`);
    expect(link.target).to.equal('_blank');
    expect(link.textContent).to.equal('Book on the course’s own page');
    expect(inFrame()!.querySelector('[part="status"]')!.textContent).to.contain('blocked the sign-in window');
  });

  it('names the button with the course and its price', async () => {
    const { element } = await mountCourse({ course: 'intro-typescript' });
    expect(shadowButton(element).getAttribute('aria-label')).to.equal('Book & Pay: Intro to TypeScript, $49.00');
    expect(shadowButton(element).tagName).to.equal('BUTTON');
  });

  it('lets the host stop the checkout by cancelling cb-checkout-start', async () => {
    const { element } = await signedInWidget();
    const stop = (event: Event) => event.preventDefault();
    document.addEventListener('cb-checkout-start', stop, { once: true });
    // The first click may wait for the checkout code to arrive; the event comes then.
    const started = next<Event>(document, 'cb-checkout-start');
    shadowButton(element).click();
    expect((await started).defaultPrevented).to.equal(true);
    await element.updateComplete;
    expect(shadowButton(element).getAttribute('aria-busy')).to.equal('false');
    expect(redirects).to.have.length(0);
    // Nothing was asked of the backend: the student has no booking.
    const res = await fetch(`${api}/api/bookings/user`, {
      headers: { authorization: `Bearer ${await element.getToken!()}` },
    });
    expect(((await res.json()) as { bookings: unknown[] }).bookings).to.have.length(0);
  });

  it('creates the checkout, marks the button busy meanwhile, and fires cb-redirect with its URL', async () => {
    const { element } = await signedInWidget();
    const redirected = book(element);
    await element.updateComplete;
    expect(shadowButton(element).getAttribute('aria-busy')).to.equal('true');
    const event = await redirected;
    expect(event.url).to.match(/\/pay\/cs_test_/);
    expect(event.bookingId).to.match(/^bk_/);
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
  });

  it('shows Booked when the course is already paid', async () => {
    const { element, name } = await signedInWidget('tokyo-photo-walk');
    const first = await book(element);
    await sandboxPay(sessionIdOf(first.url), 'pay');
    await waitForStatus(first.bookingId, 'paid');
    const again = await signedInWidget('tokyo-photo-walk', name);
    shadowButton(again.element).click();
    await until(() => again.element.shadowRoot!.querySelector('.badge') !== null);
    expect(again.element.shadowRoot!.querySelector('.badge')!.textContent).to.equal('Booked');
  });

  it('reports a checkout the backend refuses with cb-error and a Try again button', async () => {
    const { element } = await mountCourse({ course: 'intro-typescript' });
    element.getToken = async () => 'not-a-token';
    const failed = next<CbErrorEvent>(element, 'cb-error');
    shadowButton(element).click();
    expect((await failed).code).to.equal('unauthenticated');
    await element.updateComplete;
    expect(partText(element, 'button')).to.equal('Try again');
    expect(partText(element, 'status')).to.contain('sign in again');
  });
});

describe('<course-booking> back from Checkout', () => {
  async function returnFrom(action: 'pay' | 'cancel' | 'delayed') {
    const { element } = await signedInWidget();
    const back = new URL(await sandboxPay(sessionIdOf((await book(element)).url), action));
    element.parentElement!.remove();
    history.replaceState(null, '', `${location.pathname}${back.search}`);
    return back;
  }

  it('shows Booked after paying, fires cb-paid once, and cleans the address bar', async () => {
    const back = await returnFrom('pay');
    let paid = 0;
    const count = () => (paid += 1);
    document.addEventListener('cb-paid', count);
    const paidEvent = next<CbPaidEvent>(document, 'cb-paid');
    const { element } = await mountCourse({ course: 'intro-typescript' });
    const other = await mountCourse({ course: 'web-components' });
    const { booking, detail } = await paidEvent;
    expect(booking.id).to.equal(back.searchParams.get('cb_booking'));
    // What was paid, for a pixel's purchase event.
    expect(detail).to.deep.include({
      courseId: 'intro-typescript',
      bookingId: booking.id,
      amount: 4900,
      currency: 'usd',
    });
    await element.updateComplete;
    // Both elements read the one shared answer; the other one has settled on it too.
    await other.element.updateComplete;
    expect(element.shadowRoot!.querySelector('.badge')!.textContent).to.equal('Booked');
    expect(partText(element, 'status')).to.equal('Payment received. You are booked.');
    expect(location.search).to.not.contain('cb_booking');
    document.removeEventListener('cb-paid', count);
    expect(paid).to.equal(1);
  });

  it('says a cancelled checkout took no payment, and offers Try again', async () => {
    await returnFrom('cancel');
    const { element } = await mountCourse({ course: 'intro-typescript' });
    await until(() => partText(element, 'status') !== undefined);
    expect(partText(element, 'status')).to.equal('Checkout cancelled. No payment was taken.');
    expect(partText(element, 'button')).to.equal('Try again');
    await expect(element).to.be.accessible();
  });

  it('says a delayed payment is processing, then shows Booked when it settles', async () => {
    await returnFrom('delayed');
    const { element } = await mountCourse({ course: 'intro-typescript' });
    await until(() =>
      element.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Payment processing'),
    );
    await until(() => element.shadowRoot!.querySelector('.badge') !== null, 15_000);
  });
});
