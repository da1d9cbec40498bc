import { expect } from '@open-wc/testing';
import {
  api,
  mountCourse,
  newCourse,
  newSession,
  newStudent,
  partText,
  sandboxPay,
  tokenFor,
  until,
  waitForStatus,
} from '../../test/helpers.js';

// A returning student: the page holds their token from earlier in the visit, so every element
// shows their own state of its course (Booked, Complete payment) from one request for the page.
const tokenKey = `cb-token:${new URL(api).origin}`;
afterEach(() => {
  sessionStorage.removeItem(tokenKey);
  document.querySelectorAll('body > div').forEach((d) => d.remove());
});

const shadowButton = (element: HTMLElement) => element.shadowRoot!.querySelector<HTMLElement>('[part="button"]');

/** Starts a checkout for the student through the API, as an earlier visit would have; answers the booking and session ids. */
async function startBooking(token: string, courseId: string, sessionId?: string) {
  const res = await fetch(`${api}/api/bookings/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ courseId, returnUrl: location.href, ...(sessionId ? { sessionId } : {}) }),
  });
  const { booking, checkout } = (await res.json()) as { booking: { id: string }; checkout: { url: string } };
  return { bookingId: booking.id, sessionId: new URL(checkout.url).pathname.split('/').pop()! };
}

const ownRequests = () =>
  performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/bookings/user?courseIds='))
    .length;

describe('<course-booking> for a returning student', () => {
  it('shows Booked on a paid course and Complete payment on an awaiting one, from one request for the page', async () => {
    const [paid, awaiting, untouched] = await Promise.all([newCourse({}), newCourse({}), newCourse({})]);
    const token = await tokenFor(newStudent());
    const bought = await startBooking(token, paid);
    await sandboxPay(bought.sessionId, 'pay');
    await waitForStatus(bought.bookingId, 'paid');
    await startBooking(token, awaiting);
    sessionStorage.setItem(tokenKey, JSON.stringify({ value: token, expiresAt: Date.now() + 3_600_000 }));
    const before = ownRequests();

    const container = document.createElement('div');
    container.innerHTML = [paid, awaiting, untouched]
      .map((id) => `<course-booking api="${api}" course="${id}"></course-booking>`)
      .join('');
    document.body.append(container);
    const [paidEl, awaitingEl, untouchedEl] = [...container.querySelectorAll('course-booking')];

    await until(() => paidEl!.shadowRoot?.querySelector('.badge')?.textContent === 'Booked');
    expect(partText(paidEl!, 'status')).to.equal('Payment received. You are booked.');
    await until(() => shadowButton(awaitingEl!)?.textContent?.trim() === 'Complete payment');
    expect(partText(awaitingEl!, 'status')).to.equal('Awaiting payment: your checkout is still open.');
    expect(shadowButton(awaitingEl!)!.getAttribute('aria-label')).to.match(
      /^Complete payment: Pottery for Beginners, \$49\.00$/,
    );
    await until(() => shadowButton(untouchedEl!)?.textContent?.trim() === 'Book & Pay');
    expect(ownRequests() - before).to.equal(1);
    await expect(awaitingEl).to.be.accessible();
  });

  it('asks nothing and offers Book & Pay when the page holds no token', async () => {
    const before = ownRequests();
    const { element } = await mountCourse({ course: await newCourse({}) });
    await new Promise((r) => setTimeout(r, 300));
    expect(shadowButton(element)!.textContent!.trim()).to.equal('Book & Pay');
    expect(ownRequests() - before).to.equal(0);
  });

  it('marks the date a student holds as Booked in the picker, and leaves the other dates to book', async () => {
    const course = await newCourse({ title: 'Pottery Weekend' });
    for (const [id, day] of [
      ['may', '2028-05-06'],
      ['june', '2028-06-03'],
    ]) {
      await newSession(course, id!, {
        startsAt: `${day}T10:00:00+02:00`,
        endsAt: `${day}T16:00:00+02:00`,
        timeZone: 'Europe/Berlin',
        capacity: 6,
      });
    }
    const token = await tokenFor(newStudent());
    const bought = await startBooking(token, course, 'june');
    await sandboxPay(bought.sessionId, 'pay');
    await waitForStatus(bought.bookingId, 'paid');
    sessionStorage.setItem(tokenKey, JSON.stringify({ value: token, expiresAt: Date.now() + 3_600_000 }));
    const { element } = await mountCourse({ course });
    const labels = () => [...element.shadowRoot!.querySelectorAll('[part="dates"] label')].map((l) => l.textContent!);
    await until(() => labels().some((l) => l.endsWith(' · Booked')));
    const radios = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="dates"] input')];
    expect(labels()[1]).to.match(/Jun 3, 2028.* · Booked$/);
    expect(radios.map((r) => r.disabled)).to.deep.equal([false, true]);
    expect(shadowButton(element)!.textContent!.trim()).to.equal('Book & Pay');
    await expect(element).to.be.accessible();
  });
});
