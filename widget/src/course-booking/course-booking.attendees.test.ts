import { expect } from '@open-wc/testing';
import type { CbRedirectEvent } from '../events/events.js';
import {
  api,
  keepPageOnRedirect,
  mountCourse,
  newCourse,
  newStudent,
  next,
  tokenFor,
  until,
} from '../../test/helpers.js';
import type { CourseBooking } from './course-booking.js';

// Who is coming, against the real backend: before a group's checkout (or a course that asks
// questions) a modal dialog in the element asks each attendee's name, an optional email and the
// course's questions, the buyer prefilled first; what the server refuses is said beside its field.
keepPageOnRedirect();

const questions = [
  { id: 'diet', label: 'Dietary needs', type: 'select', options: ['none', 'vegan'], required: true },
  { id: 'note', label: 'Anything we should know?', type: 'text' },
  { id: 'photos', label: 'Photos may be taken', type: 'checkbox', required: true },
];

const root = (element: CourseBooking) => element.shadowRoot!;
const dialog = (element: CourseBooking) => root(element).querySelector<HTMLDialogElement>('dialog.attendees');
const field = <T extends HTMLElement = HTMLInputElement>(element: CourseBooking, name: string) =>
  root(element).querySelector<T>(`[name="${name}"]`)!;
const bookButton = (element: CourseBooking) => root(element).querySelector<HTMLButtonElement>('[part="button"]')!;

/** A signed-in student's widget of the course, its stepper at `seats`. */
async function widgetFor(course: string, seats: number, student = newStudent()) {
  const { element } = await mountCourse({ course });
  const token = await tokenFor(student);
  element.getToken = async () => token;
  if (seats > 1) {
    await until(() => root(element).querySelector('[part="quantity"]') !== null);
    for (let i = 1; i < seats; i += 1) {
      root(element).querySelector<HTMLButtonElement>('[part="quantity"] button:last-of-type')!.click();
      await element.updateComplete;
    }
  }
  return { element, token, student };
}

async function openDialog(element: CourseBooking) {
  bookButton(element).click();
  await until(() => dialog(element)?.open === true);
}

function fill(element: CourseBooking, name: string, value: string | boolean) {
  const input = field<HTMLInputElement & HTMLSelectElement>(element, name);
  if (typeof value === 'boolean') input.checked = value;
  else input.value = value;
}

describe('<course-booking> asking who is coming', () => {
  it('asks each attendee of a group their name and the questions, the buyer first, and books them', async () => {
    const course = await newCourse({ title: 'Kiln day', maxPerOrder: 3, questions });
    const { element, token, student } = await widgetFor(course, 2);
    await openDialog(element);
    const open = dialog(element)!;
    expect(open.getAttribute('aria-labelledby')).to.equal('cb-attendees-title');
    expect(open.querySelector('h2')!.textContent).to.equal('Who is coming?');
    expect([...open.querySelectorAll('legend')].map((l) => l.textContent)).to.deep.equal(['Attendee 1', 'Attendee 2']);
    expect(field(element, 'a0-email').value).to.equal(student);
    expect(field(element, 'a1-email').value).to.equal('');
    expect(document.activeElement).to.equal(element);
    expect(root(element).activeElement).to.equal(field(element, 'a0-name'));
    await expect(element).to.be.accessible();
    fill(element, 'a0-name', 'Ada');
    fill(element, 'a0-diet', 'vegan');
    fill(element, 'a0-photos', true);
    fill(element, 'a1-name', 'Bo');
    fill(element, 'a1-diet', 'none');
    fill(element, 'a1-note', 'left-handed');
    fill(element, 'a1-photos', true);
    const redirected = next<CbRedirectEvent>(document, 'cb-redirect');
    open.querySelector('form')!.requestSubmit();
    const { bookingId } = (await redirected).detail;
    expect(dialog(element)).to.equal(null);
    const booking = await (
      await fetch(`${api}/api/bookings/${bookingId}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(booking).to.deep.include({ quantity: 2, amount: 9800 });
    expect(booking.attendees).to.deep.equal([
      { name: 'Ada', email: student, answers: { diet: 'vegan', photos: true } },
      { name: 'Bo', answers: { diet: 'none', note: 'left-handed', photos: true } },
    ]);
  });

  it("does not let the dialog send a required field empty (the browser's own check)", async () => {
    const course = await newCourse({ maxPerOrder: 2, questions });
    const { element } = await widgetFor(course, 1);
    await openDialog(element);
    fill(element, 'a0-name', 'Ada');
    dialog(element)!.querySelector('form')!.requestSubmit();
    await new Promise((r) => setTimeout(r, 200));
    expect(dialog(element)?.open).to.equal(true);
    expect(field<HTMLSelectElement>(element, 'a0-diet').validity.valueMissing).to.equal(true);
  });

  it('says beside a field what the server refused, and sends again once it is right', async () => {
    const course = await newCourse({ maxPerOrder: 2 });
    const { element } = await widgetFor(course, 2);
    await openDialog(element);
    fill(element, 'a0-name', 'Ada');
    fill(element, 'a1-name', '   '); // passes the browser's check, not the server's
    dialog(element)!.querySelector('form')!.requestSubmit();
    await until(() => root(element).querySelector('.attendees .problem') !== null);
    expect(root(element).querySelector('.attendees .problem')!.textContent).to.equal('must not be empty');
    expect(field(element, 'a1-name').getAttribute('aria-invalid')).to.equal('true');
    expect(field(element, 'a0-name').value).to.equal('Ada');
    fill(element, 'a1-name', 'Bo');
    const redirected = next<CbRedirectEvent>(document, 'cb-redirect');
    dialog(element)!.querySelector('form')!.requestSubmit();
    expect((await redirected).detail.bookingId).to.match(/^bk_/);
  });

  it('closes on Cancel with nothing booked, back on the Book button', async () => {
    const course = await newCourse({ maxPerOrder: 2 });
    const { element, token } = await widgetFor(course, 2);
    await openDialog(element);
    root(element).querySelector<HTMLButtonElement>('.attendees .cancel')!.click();
    await until(() => dialog(element) === null && root(element).activeElement === bookButton(element));
    expect(bookButton(element).getAttribute('aria-busy')).to.equal('false');
    const mine = await (
      await fetch(`${api}/api/bookings/user`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(mine.bookings).to.have.length(0);
  });

  it('asks a single attendee when the course asks questions, and nothing for one seat of a course that asks none', async () => {
    const asking = await widgetFor(await newCourse({ questions: [questions[1]] }), 1);
    await openDialog(asking.element);
    expect(dialog(asking.element)!.querySelectorAll('fieldset')).to.have.length(1);
    expect(dialog(asking.element)!.textContent).to.contain('Anything we should know? (optional)');
    const plain = await widgetFor(await newCourse({ maxPerOrder: 2 }), 1);
    const redirected = next<CbRedirectEvent>(document, 'cb-redirect');
    bookButton(plain.element).click();
    await redirected;
    expect(dialog(plain.element)).to.equal(null);
  });
});
