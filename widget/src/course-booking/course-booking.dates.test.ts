import { expect } from '@open-wc/testing';
import type { CbCheckoutStartEvent, CbRedirectEvent } from '../events/events.js';
import {
  api,
  bookAsOther,
  keepPageOnRedirect,
  mountCourse,
  newCourse,
  newSession,
  newStudent,
  next,
  partText,
  tokenFor,
  until,
} from '../../test/helpers.js';
import type { CourseBooking } from './course-booking.js';

// A course sold on dates: its dates under the price as a radio group, each in its own time zone
// with the zone named, full ones disabled; Book & Pay books the date picked.
keepPageOnRedirect();

const radios = (element: CourseBooking) => [
  ...element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]'),
];
const button = (element: CourseBooking) => element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
/** Mounts the course and waits for its dates (drawn by the code that loads right after the price). */
async function mountDated(attributes: Record<string, string>) {
  const { element } = await mountCourse(attributes);
  await until(() => radios(element).length > 0);
  return element;
}

/** A course with three Berlin dates: one full, two open. */
async function datedCourse() {
  const course = await newCourse({ title: 'Pottery Weekend', price: 12900 });
  const day = (date: string, capacity: number | null) => ({
    startsAt: `${date}T09:00:00+01:00`,
    endsAt: `${date}T16:00:00+01:00`,
    timeZone: 'Europe/Berlin',
    capacity,
  });
  await newSession(course, 'full', day('2027-02-14', 1));
  await newSession(course, 'march', day('2027-03-14', 2));
  await newSession(course, 'later', day('2027-03-21', null));
  expect(await bookAsOther(course, 'full')).to.equal(201);
  return course;
}

const labels = (element: CourseBooking) =>
  [...element.shadowRoot!.querySelectorAll('[part="dates"] label')].map((l) => l.textContent!.trim());

// First in this file, so that no date format is made yet on this page (each file has its own).
describe("<course-booking>'s dates, first drawn", () => {
  it("are the server's text, loading no date formats; the reader's own time follows, also where no frames come", async () => {
    const course = await datedCourse();
    const Original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = new Proxy(Original, {
      construct: (target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) => (
        (made += 1),
        new target(...args)
      ),
    });
    // A page in a background tab draws no frames (nor does this one, while another test file's page is in front).
    const frame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      const { element } = await mountCourse({ course }, { lang: 'en' });
      expect(labels(element)[0]).to.match(/^Sun, Feb 14, 2027, 09:00\sAM GMT\+1 · Sold out$/);
      expect(made).to.equal(0);
      // A reader whose clock is not Berlin's gets their own time beside it, drawn right after.
      if (new Date('2027-02-14T08:00:00Z').getTimezoneOffset() !== -60) {
        await until(() => labels(element)[0]!.includes('('));
        expect(labels(element)[0]).to.match(/^Sun, Feb 14, 2027, 09:00\sAM GMT\+1 \(\d\d:00\s[AP]M .+\) · Sold out$/);
      }
    } finally {
      Intl.DateTimeFormat = Original;
      window.requestAnimationFrame = frame;
    }
  });
});

describe('<course-booking> for a course sold on dates', () => {
  it('shows its dates in their zone, the full one disabled, and asks for a date before booking', async () => {
    const course = await datedCourse();
    const element = await mountDated({ course });
    const labels = [...element.shadowRoot!.querySelectorAll('[part="dates"] label')].map((l) => l.textContent!.trim());
    // In Berlin time, the zone named (and the reader's own time beside it when their clock differs).
    expect(labels[0]).to.match(/^Sun, Feb 14, 2027, 09:00 AM (CET|GMT\+1).* · Sold out$/);
    expect(labels[1]).to.match(/^Sun, Mar 14, 2027, 09:00 AM (CET|GMT\+1).* · 2 seats left$/);
    expect(radios(element).map((r) => r.disabled)).to.deep.equal([true, false, false]);
    await expect(element).to.be.accessible();

    button(element).click();
    await until(() => partText(element, 'status') === 'Choose a date first.');
    expect(element.shadowRoot!.activeElement).to.equal(radios(element)[1]);
  });

  it('books the date picked, and says it in the button name', async () => {
    const course = await datedCourse();
    const element = await mountDated({ course });
    const token = await tokenFor(newStudent());
    element.getToken = async () => token;
    radios(element)[1]!.click();
    await element.updateComplete;
    expect(button(element).getAttribute('aria-label')).to.equal('Book & Pay: Pottery Weekend, March 14, $129.00');
    const started = next<CbCheckoutStartEvent>(document, 'cb-checkout-start');
    const redirected = next<CbRedirectEvent>(document, 'cb-redirect');
    button(element).click();
    expect((await started).sessionId).to.equal('march');
    expect((await started).detail).to.deep.include({
      courseId: course,
      sessionId: 'march',
      amount: 12900,
      currency: 'usd',
    });
    const { bookingId, detail } = await redirected;
    expect(detail).to.deep.equal({ courseId: course, sessionId: 'march', amount: 12900, currency: 'usd', bookingId });
    const res = await fetch(`${api}/api/bookings/${bookingId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await res.json()) as { sessionId: string }).sessionId).to.equal('march');
  });

  it('with session="…" shows no picker and books that date', async () => {
    const course = await datedCourse();
    const { element } = await mountCourse({ course, session: 'later' });
    await new Promise((r) => setTimeout(r, 300)); // the flow's code has arrived: still no dates
    expect(element.shadowRoot!.querySelector('[part="dates"]')).to.equal(null);
    const token = await tokenFor(newStudent());
    element.getToken = async () => token;
    const redirected = next<CbRedirectEvent>(document, 'cb-redirect');
    button(element).click();
    const { bookingId } = await redirected;
    const res = await fetch(`${api}/api/bookings/${bookingId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await res.json()) as { sessionId: string }).sessionId).to.equal('later');
  });

  it('shows sessions-limit dates, then More dates shows the rest', async () => {
    const course = await datedCourse();
    const element = await mountDated({ course, 'sessions-limit': '2' });
    expect(radios(element)).to.have.length(2);
    element.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await element.updateComplete;
    expect(radios(element)).to.have.length(3);
  });

  it('says the cancellation policy in one sentence under the button, in the page’s language, with the policy attribute only', async () => {
    const course = await newCourse({
      title: 'Kiln weekend',
      price: 12900,
      cancellationPolicy: {
        windows: [
          { hoursBefore: 168, refundPercent: 100 },
          { hoursBefore: 48, refundPercent: 50 },
        ],
        moveUntilHoursBefore: 24,
      },
    });
    await newSession(course, 'june', {
      startsAt: '2028-06-03T10:00:00+02:00',
      endsAt: '2028-06-03T16:00:00+02:00',
      timeZone: 'Europe/Berlin',
    });
    const plain = await mountDated({ course });
    expect(partText(plain, 'policy')).to.equal(undefined);
    const { element } = await mountCourse({ course, policy: '' }, { lang: 'de' });
    await until(() => partText(element, 'policy') !== undefined);
    expect(partText(element, 'policy')).to.equal(
      'Volle Erstattung bei Stornierung bis 7 Tage vor Beginn; 50 % Erstattung bei Stornierung bis 2 Tage vor Beginn. ' +
        'Verlegen auf einen anderen Termin bis 1 Tag vor Beginn.',
    );
    // Under the button, and read after it.
    const sentence = element.shadowRoot!.querySelector('[part="policy"]')!;
    expect(button(element).compareDocumentPosition(sentence) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    await expect(element).to.be.accessible();
  });
});
