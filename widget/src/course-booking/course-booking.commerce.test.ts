import { expect } from '@open-wc/testing';
import type { CbErrorEvent, CbPaidEvent } from '../events/events.js';
import {
  api,
  bookAsOther,
  mountCourse,
  newCourse,
  newStudent,
  next,
  partText,
  tokenFor,
  until,
} from '../../test/helpers.js';
import type { CourseBooking } from './course-booking.js';

// Seats, free courses, archived courses and descriptions, against the real backend: each test
// makes its own course through the admin API.
afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

const button = (element: CourseBooking) => element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]');
const liveRegion = (element: CourseBooking) => element.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim();

describe('<course-booking> for a free course', () => {
  it('says Free and Book (free), books at once without a payment page, and fires cb-paid', async () => {
    const course = await newCourse({ title: 'Open Day', price: 0 });
    const { element } = await mountCourse({ course });
    expect(partText(element, 'price')).to.equal('Free');
    expect(button(element)!.textContent!.trim()).to.equal('Book (free)');
    expect(button(element)!.getAttribute('aria-label')).to.equal('Book (free): Open Day, Free');
    await expect(element).to.be.accessible();
    const token = await tokenFor(newStudent());
    element.getToken = async () => token;
    const paid = next<CbPaidEvent>(element, 'cb-paid');
    button(element)!.click();
    expect((await paid).booking.paymentStatus).to.equal('paid');
    await until(() => partText(element, 'status') === undefined && element.shadowRoot!.textContent!.includes('Booked'));
    expect(button(element)).to.equal(null);
  });

  it('speaks German for a free course on a German page', async () => {
    const course = await newCourse({ price: 0 });
    const { element } = await mountCourse({ course }, { lang: 'de' });
    expect(partText(element, 'price')).to.equal('Kostenlos');
    expect(button(element)!.textContent!.trim()).to.equal('Buchen (kostenlos)');
  });
});

describe('<course-booking> with a seat limit', () => {
  it('says how many seats are left when few remain, from its seats-threshold down', async () => {
    const course = await newCourse({ capacity: 3 });
    const { element } = await mountCourse({ course });
    expect(partText(element, 'seats')).to.equal('3 seats left');
    const fewer = await mountCourse({ course, 'seats-threshold': '2' });
    expect(partText(fewer.element, 'seats')).to.equal(undefined);
    const german = await mountCourse({ course: await newCourse({ capacity: 1 }) }, { lang: 'de' });
    expect(partText(german.element, 'seats')).to.equal('Noch 1 Platz frei');
  });

  it('shows Sold out instead of the button, announced, when no seat is left', async () => {
    const course = await newCourse({ capacity: 1 });
    expect(await bookAsOther(course)).to.equal(201);
    const { element } = await mountCourse({ course });
    expect(button(element)).to.equal(null);
    expect(partText(element, 'status')).to.equal('Sold out');
    expect(liveRegion(element)).to.equal('Sold out');
    await expect(element).to.be.accessible();
  });

  it('fires cb-error sold_out and shows Sold out, without a seat count, on every element of the course, when a click loses the last seat', async () => {
    const course = await newCourse({ capacity: 1 });
    const { element } = await mountCourse({ course });
    const { element: twin } = await mountCourse({ course });
    expect(partText(element, 'seats')).to.equal('1 seat left');
    expect(await bookAsOther(course)).to.equal(201);
    const token = await tokenFor(newStudent());
    element.getToken = async () => token;
    const failed = next<CbErrorEvent>(element, 'cb-error');
    button(element)!.click();
    expect((await failed).code).to.equal('sold_out');
    for (const shown of [element, twin]) {
      await until(() => partText(shown, 'status') === 'Sold out');
      expect(button(shown)).to.equal(null);
      expect(partText(shown, 'seats')).to.equal(undefined);
    }
    // A widget added later asks the backend again rather than reusing the page's first answer.
    const { element: later } = await mountCourse({ course });
    expect(partText(later, 'status')).to.equal('Sold out');
  });
});

describe('<course-booking> for an archived course', () => {
  it('says it is no longer available, as a plain status rather than an error', async () => {
    const course = await newCourse({ active: false });
    const errors: Event[] = [];
    const container = document.createElement('div');
    container.addEventListener('cb-error', (e) => errors.push(e));
    const element = document.createElement('course-booking');
    element.setAttribute('api', api);
    element.setAttribute('course', course);
    container.append(element);
    document.body.append(container);
    await until(() => partText(element, 'status') !== undefined);
    expect(partText(element, 'status')).to.equal('This course is no longer available.');
    expect(element.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(errors).to.have.length(0);
    await expect(element).to.be.accessible();
  });
});

describe('<course-booking details>', () => {
  it('shows the course description under the title only when asked', async () => {
    const course = await newCourse({ description: 'Three mornings at the wheel.' });
    const plain = await mountCourse({ course });
    expect(partText(plain.element, 'description')).to.equal(undefined);
    const detailed = await mountCourse({ course, details: '' });
    expect(partText(detailed.element, 'description')).to.equal('Three mornings at the wheel.');
    await expect(detailed.element).to.be.accessible();
  });
});
