import { expect } from '@open-wc/testing';
import type { CbErrorEvent, CbRedirectEvent } from '../events/events.js';
import {
  api,
  bookAsOther,
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

// Several seats in one purchase, against the real backend: a course with `maxPerOrder` shows a
// seats stepper once the checkout code is here, bounded by the seats left, the total announced, the
// count in the button's name; the checkout is created for that many seats.
keepPageOnRedirect();

const inRoot = <T extends Element>(element: CourseBooking, selector: string) =>
  element.shadowRoot!.querySelector<T>(selector);
const stepper = (element: CourseBooking) => ({
  input: inRoot<HTMLInputElement>(element, '[part="quantity"] input')!,
  fewer: inRoot<HTMLButtonElement>(element, '[part="quantity"] button:first-of-type')!,
  more: inRoot<HTMLButtonElement>(element, '[part="quantity"] button:last-of-type')!,
  // Spaces as a reader sees them (Intl puts a no-break space before the euro sign).
  total: inRoot<HTMLElement>(element, '[part="quantity"] .total')!.textContent!.trim().replace(/\s/g, ' '),
});
const bookButton = (element: CourseBooking) => inRoot<HTMLButtonElement>(element, '[part="button"]')!;

/** Mounts the course and waits for its stepper (drawn once the checkout code has loaded). */
async function withStepper(course: string, lang?: string) {
  const { element } = await mountCourse({ course }, lang ? { lang } : {});
  await until(() => inRoot(element, '[part="quantity"]') !== null);
  return element;
}

async function press(element: CourseBooking, button: HTMLButtonElement, times = 1) {
  for (let i = 0; i < times; i += 1) {
    button.click();
    await element.updateComplete;
  }
}

describe('<course-booking> for a course that sells several seats per purchase', () => {
  it('shows a labelled stepper from 1 to the course limit, the total announced and the count in the button name', async () => {
    const element = await withStepper(await newCourse({ title: 'Family Pottery', maxPerOrder: 3 }));
    const { input, fewer, more } = stepper(element);
    expect(input.value).to.equal('1');
    expect(inRoot(element, `label[for="${input.id}"]`)!.textContent!.trim()).to.equal('Seats');
    expect(fewer.disabled).to.equal(true);
    expect(fewer.getAttribute('aria-label')).to.equal('One seat fewer');
    expect(stepper(element).total).to.equal('Total $49.00');
    expect(inRoot(element, '[part="quantity"] .total')!.getAttribute('aria-live')).to.equal('polite');
    expect(bookButton(element).getAttribute('aria-label')).to.equal('Book & Pay: Family Pottery, $49.00');
    await press(element, more, 3);
    expect(stepper(element).input.value).to.equal('3');
    expect(stepper(element).more.disabled).to.equal(true);
    expect(stepper(element).total).to.equal('Total $147.00');
    expect(bookButton(element).getAttribute('aria-label')).to.equal('Book & Pay: Family Pottery, 3 × $49.00');
    await press(element, stepper(element).fewer);
    expect(stepper(element).input.value).to.equal('2');
    await expect(element).to.be.accessible();
  });

  it('takes a typed number, kept between 1 and the seats left', async () => {
    const element = await withStepper(await newCourse({ maxPerOrder: 5, capacity: 2 }));
    const { input } = stepper(element);
    expect(input.max).to.equal('2');
    input.value = '9';
    input.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(stepper(element).input.value).to.equal('2');
    stepper(element).input.value = '0';
    stepper(element).input.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(stepper(element).input.value).to.equal('1');
  });

  it('speaks the page language (once its strings for the checkout are here)', async () => {
    const element = await withStepper(await newCourse({ maxPerOrder: 2, currency: 'eur' }), 'de');
    await press(element, stepper(element).more);
    await until(() => stepper(element).total === 'Gesamt 98,00 €');
    expect(stepper(element).more.getAttribute('aria-label')).to.equal('Ein Platz mehr');
  });

  it('books the seats chosen: the checkout is created for three', async () => {
    const element = await withStepper(await newCourse({ maxPerOrder: 3, capacity: 10 }));
    const token = await tokenFor(newStudent());
    element.getToken = async () => token;
    await press(element, stepper(element).more, 2);
    bookButton(element).click();
    // A group names who is coming (the dialog of course-booking.attendees.test.ts).
    await until(() => inRoot<HTMLDialogElement>(element, 'dialog.attendees')?.open === true);
    for (const i of [0, 1, 2]) inRoot<HTMLInputElement>(element, `[name="a${i}-name"]`)!.value = `Attendee ${i + 1}`;
    const redirected = next<CbRedirectEvent>(document, 'cb-redirect');
    inRoot<HTMLFormElement>(element, 'dialog.attendees form')!.requestSubmit();
    const { bookingId } = (await redirected).detail;
    const res = await fetch(`${api}/api/bookings/${bookingId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await res.json()).to.include({ quantity: 3, amount: 14700 });
  });

  it('says so when fewer seats are left than asked, and the stepper stops at what is left', async () => {
    const course = await newCourse({ maxPerOrder: 3, capacity: 3 });
    const element = await withStepper(course);
    const token = await tokenFor(newStudent());
    element.getToken = async () => token;
    await press(element, stepper(element).more, 2);
    expect(await bookAsOther(course)).to.equal(201);
    const failed = next<CbErrorEvent>(element, 'cb-error');
    bookButton(element).click();
    await until(() => inRoot<HTMLDialogElement>(element, 'dialog.attendees')?.open === true);
    for (const i of [0, 1, 2]) inRoot<HTMLInputElement>(element, `[name="a${i}-name"]`)!.value = `Attendee ${i + 1}`;
    inRoot<HTMLFormElement>(element, 'dialog.attendees form')!.requestSubmit();
    expect((await failed).code).to.equal('quantity_unavailable');
    await until(() => partText(element, 'status') !== undefined);
    expect(partText(element, 'status')).to.equal(
      'Fewer seats are left than you asked for. Choose fewer and try again.',
    );
    expect(inRoot(element, '[part="status"]')!.getAttribute('role')).to.equal('alert');
    expect(stepper(element).input.value).to.equal('2');
    expect(stepper(element).input.max).to.equal('2');
    expect(partText(element, 'seats')).to.equal('2 seats left');
  });

  it('shows no stepper for a course sold one seat at a time', async () => {
    const { element } = await mountCourse({ course: await newCourse({}) });
    await new Promise((r) => setTimeout(r, 300));
    expect(inRoot(element, '[part="quantity"]')).to.equal(null);
  });
});
