import { expect } from '@open-wc/testing';
import type { CbOfferEvent, CbWaitlistJoinedEvent } from '../events/waitlist-events.js';
import type { CbRedirectEvent } from '../events/events.js';
import {
  api,
  bookOther,
  expireCheckout,
  keepPageOnRedirect,
  mountCourse,
  newCourse,
  newStudent,
  next,
  partText,
  tokenFor,
  until,
} from '../../test/helpers.js';
import type { CourseBooking } from './course-booking.js';

// The waiting list, against the real backend: a sold-out course offers Join the waiting list; the
// student sees their place; when a seat is freed it is held for them, and the card books it.
keepPageOnRedirect();

const root = (element: CourseBooking) => element.shadowRoot!;
const joinButton = (element: CourseBooking) =>
  root(element).querySelector<HTMLButtonElement>('[part="waitlist"] button');
const waitlistText = (element: CourseBooking) =>
  root(element).querySelector('[part="waitlist"]')?.textContent?.replace(/\s+/g, ' ').trim();

async function signedIn(course: string, token: string) {
  const { element } = await mountCourse({ course });
  element.getToken = async () => token;
  await until(() => root(element).querySelector('[part="waitlist"]') !== null);
  return element;
}

describe('<course-booking> for a sold-out course', () => {
  it('offers the waiting list, says the place in line, and fires cb-waitlist-joined', async () => {
    const course = await newCourse({ title: 'Raku', capacity: 1 });
    expect((await bookOther(course)).status).to.equal(201);
    const first = await signedIn(course, await tokenFor(newStudent()));
    expect(partText(first, 'status')).to.equal('Sold out');
    expect(joinButton(first)!.textContent!.trim()).to.equal('Join the waiting list');
    await expect(first).to.be.accessible();
    const joined = next<CbWaitlistJoinedEvent>(first, 'cb-waitlist-joined');
    joinButton(first)!.click();
    const event = await joined;
    expect(event.entry).to.include({ courseId: course, position: 1 });
    expect(event.detail.courseId).to.equal(course);
    await until(() => waitlistText(first) === 'You are number 1 on the waiting list.');
    const second = await signedIn(course, await tokenFor(newStudent()));
    joinButton(second)!.click();
    await until(() => waitlistText(second) === 'You are number 2 on the waiting list.');
  });

  it('holds a freed seat for the first in line, who books exactly it', async () => {
    const course = await newCourse({ title: 'Anagama', capacity: 1 });
    const other = await bookOther(course);
    const token = await tokenFor(newStudent());
    const element = await signedIn(course, token);
    joinButton(element)!.click();
    await until(() => waitlistText(element) === 'You are number 1 on the waiting list.');
    // The other student's checkout expires: the seat is held for this one.
    await expireCheckout(other.sessionId);
    const entries = async () =>
      (await (await fetch(`${api}/api/waitlist/user`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        entries: Array<{ status: string }>;
      };
    for (let i = 0; i < 50 && (await entries()).entries[0]?.status !== 'offered'; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
    }
    // Coming back (the offer's email links to the page): the card is ready to book the held seat.
    const container = document.createElement('div');
    const back = document.createElement('course-booking') as CourseBooking;
    back.getToken = async () => token;
    back.setAttribute('api', api);
    back.setAttribute('course', course);
    container.append(back);
    const seen = next<CbOfferEvent>(back, 'cb-offer');
    document.body.append(container);
    const offered = await seen;
    expect(offered.entry.offer!.expiresAt).to.be.a('string');
    await until(() => waitlistText(back)?.startsWith('A seat is held for you until') === true);
    const redirected = next<CbRedirectEvent>(document, 'cb-redirect');
    root(back).querySelector<HTMLButtonElement>('[part="button"]')!.click();
    const { bookingId } = (await redirected).detail;
    const booking = await (
      await fetch(`${api}/api/bookings/${bookingId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(booking).to.include({ courseId: course, quantity: 1, paymentStatus: 'pending' });
  });
});
