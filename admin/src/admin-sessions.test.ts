import { expect } from '@open-wc/testing';
import type { AdminSessions } from './admin-sessions.js';
import type { AdminSessionAttendees } from './admin-session-attendees.js';
import {
  inside,
  mountScreen,
  newCourse,
  newSession,
  paidBooking,
  newStudent,
  signedIn,
  textOf,
  until,
} from '../test/helpers.js';
import { inZone, toInstant, toLocalInput } from './zoned-time.js';
import { api } from '../../widget/test/helpers.js';

describe('times typed in a session’s own zone', () => {
  it('reads a wall-clock time in its zone, on both sides of the change to summer time', () => {
    expect(toInstant('2027-03-27T10:00', 'Europe/Berlin')).to.equal('2027-03-27T09:00:00.000Z');
    expect(toInstant('2027-03-28T10:00', 'Europe/Berlin')).to.equal('2027-03-28T08:00:00.000Z');
    expect(toInstant('2027-03-09T18:30', 'America/New_York')).to.equal('2027-03-09T23:30:00.000Z');
    expect(toInstant('2027-03-16T18:30', 'America/New_York')).to.equal('2027-03-16T22:30:00.000Z');
    expect(toInstant('14 March', 'Europe/Berlin')).to.equal(null);
    expect(toLocalInput('2027-03-28T08:00:00.000Z', 'Europe/Berlin')).to.equal('2027-03-28T10:00');
    expect(inZone('2027-03-28T08:00:00.000Z', 'Europe/Berlin')).to.equal('Sun, 28 Mar 2027, 10:00 CEST');
  });
});

/** The operator's dates of a course, mounted and loaded. */
async function datesOf(courseId: string): Promise<AdminSessions> {
  const element = await mountScreen<AdminSessions>('admin-sessions', { api: await signedIn(), courseId });
  await until(() => !textOf(element).includes('Loading the dates'));
  return element;
}

function fill(element: HTMLElement, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    inside<HTMLInputElement>(element, `[name="${name}"]`).value = value;
  }
}

describe('<admin-sessions>', () => {
  it('adds a date typed in its own zone, says a wrong field beside it, and lists it with its seats', async () => {
    const course = await newCourse({ title: 'Wheel weekend' });
    const element = await datesOf(course);
    expect(textOf(element)).to.contain('No dates: the course is self-paced');
    inside<HTMLButtonElement>(element, '.actions button').click();
    await element.updateComplete;
    fill(element, {
      id: 'spring',
      timeZone: 'Europe/Berlin',
      startsAt: '2027-03-28T10:00',
      endsAt: '2027-03-28T09:00',
      capacity: '6',
      location: 'Studio 2',
    });
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await element.updateComplete;
    expect(inside(element, '#endsAt-error').textContent).to.equal('must be after the start');
    expect(inside(element, 'input[name="endsAt"]').getAttribute('aria-invalid')).to.equal('true');
    fill(element, { endsAt: '2027-03-28T16:00' });
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => textOf(element).includes('Saved the date'));
    expect(textOf(element)).to.contain('Sun, 28 Mar 2027, 10:00 CEST');
    expect(textOf(element)).to.contain('0 of 6 taken');
    const saved = await (await fetch(`${api}/api/courses/${course}`)).json();
    expect(saved.sessions[0]).to.include({
      id: 'spring',
      startsAt: '2027-03-28T08:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    await expect(element).to.be.accessible();
    element.remove();
  });

  it('asks before cancelling a date, then says how many bookings were refunded', async () => {
    const course = await newCourse({ title: 'Raku night', price: 3000 });
    await newSession(course, 'june', {
      startsAt: '2027-06-05T18:00:00+02:00',
      endsAt: '2027-06-05T22:00:00+02:00',
      timeZone: 'Europe/Berlin',
      capacity: 4,
    });
    await paidBooking(newStudent(), course, 'june');
    const element = await datesOf(course);
    expect(textOf(element)).to.contain('1 of 4 taken');
    inside<HTMLButtonElement>(element, 'button[aria-label="Cancel june"]').click();
    await element.updateComplete;
    expect(textOf(element)).to.contain('Every paid booking of it is refunded in full');
    [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.includes('Yes, cancel'))!.click();
    await until(() => textOf(element).includes('1 bookings ended, 1 refunded in full'));
    expect(textOf(element)).to.contain('Cancelled');
    expect(element.shadowRoot!.querySelectorAll('button[aria-label="Cancel june"]').length).to.equal(0);
    element.remove();
  });
});

describe('<admin-session-attendees>', () => {
  it('lists who comes, and moves one of them to another date', async () => {
    const course = await newCourse({ title: 'Glaze evening', price: 2500 });
    for (const [id, day] of [
      ['first', '2027-09-07'],
      ['second', '2027-09-14'],
    ]) {
      await newSession(course, id!, {
        startsAt: `${day}T18:30:00-04:00`,
        endsAt: `${day}T20:30:00-04:00`,
        timeZone: 'America/New_York',
        capacity: 5,
      });
    }
    const student = newStudent();
    await paidBooking(student, course, 'first');
    const element = await mountScreen<AdminSessionAttendees>('admin-session-attendees', {
      api: await signedIn(),
      courseId: course,
      sessionId: 'first',
    });
    await until(() => textOf(element).includes(student));
    expect(inside(element, 'h1').textContent).to.match(/Tue, 7 Sept? 2027, 18:30 GMT-4 \(America\/New_York\)/);
    expect(textOf(element)).to.contain('$25.00');
    await expect(element).to.be.accessible();
    inside<HTMLButtonElement>(element, `button[aria-label="Move ${student}"]`).click();
    await until(() => textOf(element).includes('Moved'));
    expect(textOf(element)).to.contain('Nobody has booked this date yet.');
    const second = await (
      await fetch(`/api/admin/courses/${course}/sessions/second/attendees`, {
        headers: { authorization: `Bearer ${JSON.parse(sessionStorage.getItem('cb-admin-token')!).token}` },
      })
    ).json();
    expect(second.attendees).to.have.length(1);
    element.remove();
  });
});
