import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CbRedirectEvent } from '../events/events.js';
import {
  api,
  bookAsOther,
  cancelSession,
  newCourse,
  newSession,
  newStudent,
  sandboxPay,
  tokenFor,
  until,
  waitForStatus,
} from '../../test/helpers.js';
import type { BookingDashboard } from './booking-dashboard.js';

afterEach(() => document.querySelectorAll('body > booking-dashboard').forEach((d) => d.remove()));

function mountDashboard(token?: string, apiBase = api): BookingDashboard {
  const element = document.createElement('booking-dashboard') as BookingDashboard;
  element.api = apiBase;
  if (token) element.getToken = async () => token;
  document.body.append(element);
  return element;
}

const text = (element: BookingDashboard) => element.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Books a course (a dated session of it, when given) for a student through the real backend. */
async function createBooking(token: string, courseId: string, sessionId?: string, quantity?: number) {
  const res = await fetch(`${api}/api/bookings/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      courseId,
      returnUrl: location.href,
      ...(sessionId ? { sessionId } : {}),
      // A group names who is coming.
      ...(quantity
        ? { quantity, attendees: Array.from({ length: quantity }, (_, i) => ({ name: `Guest ${i + 1}`, answers: {} })) }
        : {}),
    }),
  });
  return ((await res.json()) as { booking: { id: string; stripeSessionId: string } }).booking;
}

/** Books and pays a course for a student through the real backend and sandbox (with a promotion code, if given). */
async function paidBooking(token: string, courseId: string, form: Record<string, string> = {}) {
  const booking = await createBooking(token, courseId);
  await sandboxPay(booking.stripeSessionId, 'pay', form);
  return booking;
}

/** The next file the dashboard saves: its link, caught as it is clicked (the browser does not follow it). */
function nextSave(): Promise<HTMLAnchorElement> {
  return new Promise((resolve) => {
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      HTMLAnchorElement.prototype.click = click;
      resolve(this);
    };
  });
}

describe('<booking-dashboard>', () => {
  it('asks the student to sign in, accessibly', async () => {
    const element = mountDashboard();
    await element.updateComplete;
    expect(text(element)).to.contain('Sign in to see your bookings.');
    expect(element.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Sign in');
    await expect(element).to.be.accessible();
  });

  it('shows an empty state for a student with no bookings', async () => {
    const element = mountDashboard(await tokenFor(newStudent()));
    await until(() => text(element).includes('no bookings yet'));
  });

  it('lists bookings with course, amount, status and date, and opens one with its history and ids', async () => {
    const token = await tokenFor(newStudent());
    const booking = await paidBooking(token, 'tokyo-photo-walk');
    await waitForStatus(booking.id, 'paid');
    const element = mountDashboard(token);
    await until(() => text(element).includes('Tokyo Street Photography'));
    expect(text(element)).to.contain('¥12,000');
    expect(text(element)).to.contain('Paid');
    await expect(element).to.be.accessible();

    const details = element.shadowRoot!.querySelector<HTMLButtonElement>('button.link')!;
    expect(details.getAttribute('aria-label')).to.equal('Details: Tokyo Street Photography');
    details.click();
    await until(() => text(element).includes('For support'));
    expect(text(element)).to.contain(booking.id);
    expect(text(element)).to.contain(booking.stripeSessionId);
    expect(element.shadowRoot!.activeElement?.tagName).to.equal('H3');
    await expect(element).to.be.accessible();

    const back = [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Back'))!;
    back.click();
    await until(() => element.shadowRoot!.querySelector('button.link') !== null);
  });

  it('shows a free booking as Free, and what was paid after a promotion code beside the list price', async () => {
    const token = await tokenFor(newStudent());
    await createBooking(token, await newCourse({ title: 'Open Day', price: 0 }));
    const promo = await paidBooking(token, await newCourse({ title: 'Glazing', allowPromotionCodes: true }), {
      promotion_code: 'SANDBOX10',
    });
    await waitForStatus(promo.id, 'paid');
    const element = mountDashboard(token);
    await until(() => text(element).includes('Open Day') && text(element).includes('Glazing'));
    expect(text(element)).to.contain('Free');
    expect(text(element)).to.contain('$44.10');
    const glazing = element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Details: Glazing"]')!;
    glazing.click();
    await until(() => text(element).includes('For support'));
    expect(text(element)).to.contain('Amount $49.00');
    expect(text(element)).to.contain('Paid $44.10');
  });

  it("shows a group's seats and the price of all of them", async () => {
    const token = await tokenFor(newStudent());
    await createBooking(token, await newCourse({ title: 'Family Pottery', maxPerOrder: 4 }), undefined, 3);
    const element = mountDashboard(token);
    await until(() => text(element).includes('Family Pottery'));
    expect(text(element)).to.contain('$147.00');
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Details: Family Pottery"]')!.click();
    await until(() => text(element).includes('For support'));
    expect(text(element)).to.contain('Seats 3 Amount $147.00');
    const names = [...element.shadowRoot!.querySelectorAll('ol.attendees li')].map((li) => li.textContent!.trim());
    expect(names).to.deep.equal(['Guest 1', 'Guest 2', 'Guest 3']);
  });

  it('shows the student’s place on a waiting list, and leaves it', async () => {
    const token = await tokenFor(newStudent());
    const course = await newCourse({ title: 'Raku night', capacity: 1 });
    expect(await bookAsOther(course)).to.equal(201);
    const joined = await fetch(`${api}/api/waitlist`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ courseId: course, returnUrl: location.href }),
    });
    expect(joined.status).to.equal(201);
    const element = mountDashboard(token);
    await until(() => text(element).includes('Waiting lists'));
    expect(text(element)).to.contain('Raku night Number 1 in line');
    await expect(element).to.be.accessible();
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Leave: Raku night"]')!.click();
    await until(() => !text(element).includes('Waiting lists'));
    const mine = await (
      await fetch(`${api}/api/waitlist/user`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(mine.entries[0].status).to.equal('left');
  });

  it('downloads the student’s own data as a file, and erases it once they said yes', async () => {
    const token = await tokenFor(newStudent());
    const booking = await createBooking(token, await newCourse({ title: 'Slab club', maxPerOrder: 2 }), undefined, 2);
    const full = await newCourse({ title: 'Tile day', capacity: 1 });
    expect(await bookAsOther(full)).to.equal(201);
    await fetch(`${api}/api/waitlist`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ courseId: full, returnUrl: location.href }),
    });
    const element = mountDashboard(token);
    await until(() => text(element).includes('Your data'));
    await expect(element).to.be.accessible();
    const saved = nextSave();
    const button = (label: string) =>
      [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;
    button('Download my data').click();
    const link = await saved;
    expect(link.download).to.equal('my-bookings-data.json');
    const data = await (await fetch(link.href)).json();
    expect(data.bookings[0].attendees.map((a: { name: string }) => a.name)).to.deep.equal(['Guest 1', 'Guest 2']);
    expect(data.waitlist).to.have.length(1);

    // Asked, kept: nothing happens, and focus is back where it was.
    button('Erase my data').click();
    await until(() => text(element).includes('Paid bookings stay'));
    button('Keep it').click();
    await until(() => element.shadowRoot!.activeElement?.textContent?.trim() === 'Erase my data');
    button('Erase my data').click();
    await until(() => text(element).includes('Paid bookings stay'));
    expect(element.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Yes, erase it');
    await expect(element).to.be.accessible();
    button('Yes, erase it').click();
    await until(() => text(element).includes('Your data was erased.'));
    expect(text(element)).not.to.contain('Waiting lists');
    const after = await (
      await fetch(`${api}/api/bookings/${booking.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(after.attendees).to.equal(undefined);
    expect(after.quantity).to.equal(2);
  });

  it('changes who is coming until the session starts: the fields as at purchase, the server’s word beside a field', async () => {
    const token = await tokenFor(newStudent());
    await createBooking(token, await newCourse({ title: 'Kiln day', maxPerOrder: 2 }), undefined, 2);
    const element = mountDashboard(token);
    await until(() => text(element).includes('Kiln day'));
    element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Details: Kiln day"]')!.click();
    await until(() => text(element).includes('Change attendees'));
    const buttonNamed = (name: string) =>
      [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;
    buttonNamed('Change attendees').click();
    await until(() => element.shadowRoot!.querySelector('input[name="a1-name"]') !== null);
    const input = (name: string) => element.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    expect(input('a0-name').value).to.equal('Guest 1');
    await expect(element).to.be.accessible();
    input('a1-name').value = '  ';
    element.shadowRoot!.querySelector<HTMLFormElement>('form.attendees-form')!.requestSubmit();
    await until(() => element.shadowRoot!.querySelector('.problem') !== null);
    expect(element.shadowRoot!.querySelector('.problem')!.textContent).to.equal('must not be empty');
    input('a1-name').value = 'Ada';
    input('a1-email').value = 'ada@example.com';
    element.shadowRoot!.querySelector<HTMLFormElement>('form.attendees-form')!.requestSubmit();
    await until(() => text(element).includes('Attendees saved.'));
    const names = [...element.shadowRoot!.querySelectorAll('ol.attendees li')].map((li) => li.textContent!.trim());
    expect(names).to.deep.equal(['Guest 1', 'Ada · ada@example.com']);
  });

  it('says Free for a booked free course, Booked on for a refunded one, and keeps every row in line', async () => {
    const token = await tokenFor(newStudent());
    await createBooking(token, await newCourse({ title: 'Open Day', price: 0 }));
    const refunded = await paidBooking(token, await newCourse({ title: 'Glazing' }));
    await waitForStatus(refunded.id, 'paid');
    await executeServerCommand('cb-sandbox-refund', { sessionId: refunded.stripeSessionId });
    await waitForStatus(refunded.id, 'refunded');
    await createBooking(token, await newCourse({ title: 'Throwing' }));
    const element = mountDashboard(token);
    element.style.width = '560px';
    await until(() => element.shadowRoot!.querySelectorAll('li').length === 3);
    const rows = [...element.shadowRoot!.querySelectorAll('li')];
    const row = (title: string) => rows.find((li) => li.querySelector('strong')!.textContent === title)!;
    const badge = (title: string) => row(title).querySelector('.badge')!.textContent!.trim();
    const meta = (title: string) => row(title).querySelector('.meta')!.textContent!.trim();
    expect(badge('Open Day')).to.equal('Free');
    expect(badge('Glazing')).to.equal('Refunded');
    expect(meta('Glazing')).to.match(/^Booked on/);
    expect(badge('Throwing')).to.equal('Awaiting payment');
    expect(meta('Throwing')).to.match(/^Started on/);
    // The row with Complete payment keeps its amount and Details where the other rows have them.
    const right = (el: Element) => Math.round(el.getBoundingClientRect().right);
    const amounts = rows.map((li) => right(li.querySelector('.amount')!));
    const details = rows.map((li) => right(li.querySelector('.details')!));
    expect(new Set(amounts).size).to.equal(1);
    expect(new Set(details).size).to.equal(1);
    const pay = row('Throwing').querySelector('.pay')!.getBoundingClientRect();
    expect(pay.width).to.be.below(300);
    await expect(element).to.be.accessible();
  });

  it('shows a dated booking with its date in its own zone, its place, and a calendar file to add', async () => {
    const token = await tokenFor(newStudent());
    const course = await newCourse({ title: 'Pottery Weekend' });
    await newSession(course, 'march', {
      startsAt: '2027-03-14T09:00:00+01:00',
      endsAt: '2027-03-15T16:00:00+01:00',
      timeZone: 'Europe/Berlin',
      location: 'Studio 2, Berlin',
    });
    await createBooking(token, course, 'march');
    const element = mountDashboard(token);
    await until(() => text(element).includes('Pottery Weekend'));
    const when = element.shadowRoot!.querySelector('.when')!.textContent!;
    expect(when).to.match(/^Sun, Mar 14, 2027, 09:00 AM (CET|GMT\+1)/);
    expect(text(element)).to.contain('Studio 2, Berlin');
    await expect(element).to.be.accessible();
    const saved = nextSave();
    element
      .shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Add to calendar: Pottery Weekend"]')!
      .click();
    const link = await saved;
    expect(link.download).to.equal(`${course}-march.ics`);
    const file = await (await fetch(link.href)).text();
    expect(file).to.contain('BEGIN:VCALENDAR');
    expect(file).to.contain('DTSTART;TZID=Europe/Berlin:20270314T090000');
  });

  it('lists dated bookings still to come first, the soonest at the top, then the rest newest first', async () => {
    const token = await tokenFor(newStudent());
    const course = await newCourse({ title: 'Wheel' });
    const session = (startsAt: string) => ({
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString(),
      timeZone: 'Europe/Berlin',
    });
    await newSession(course, 'later', session('2028-05-01T10:00:00+02:00'));
    await newSession(course, 'sooner', session('2028-02-01T10:00:00+01:00'));
    await createBooking(token, course, 'later');
    await createBooking(token, course, 'sooner');
    const undated = await newCourse({ title: 'Self-paced glazes' });
    await createBooking(token, undated);
    const element = mountDashboard(token);
    await until(() => element.shadowRoot!.querySelectorAll('li').length === 3);
    const titles = [...element.shadowRoot!.querySelectorAll('li')].map((li) =>
      li.querySelector('.course strong')?.textContent?.trim(),
    );
    expect(titles).to.deep.equal(['Wheel', 'Wheel', 'Self-paced glazes']);
    const whens = [...element.shadowRoot!.querySelectorAll('li .when')].map((w) => w.textContent!);
    expect(whens[0]).to.match(/Feb 1, 2028/);
    expect(whens[1]).to.match(/May 1, 2028/);
  });

  it('says Cancelled by the organiser for a booking whose date was cancelled', async () => {
    const name = newStudent();
    const token = await tokenFor(name);
    const course = await newCourse({ title: 'Raku firing' });
    await newSession(course, 'june', {
      startsAt: '2028-06-03T10:00:00+02:00',
      endsAt: '2028-06-03T16:00:00+02:00',
      timeZone: 'Europe/Berlin',
    });
    const booking = await createBooking(token, course, 'june');
    await sandboxPay(booking.stripeSessionId, 'pay');
    await waitForStatus(booking.id, 'paid');
    await cancelSession(course, 'june');
    const element = mountDashboard(token);
    await until(() => text(element).includes('Raku firing'));
    expect(text(element)).to.contain('Cancelled by the organiser');
  });

  it('cancels a paid booking within the policy after saying what comes back, and says why not outside it', async () => {
    const name = newStudent();
    const token = await tokenFor(name);
    const course = await newCourse({
      title: 'Kiln night',
      price: 12900,
      currency: 'eur',
      cancellationPolicy: { windows: [{ hoursBefore: 48, refundPercent: 50 }], moveUntilHoursBefore: 24 },
    });
    const soon = (days: number) => new Date(Date.now() + days * 86_400_000);
    const at = (days: number) => ({
      startsAt: soon(days).toISOString(),
      endsAt: new Date(soon(days).getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
    });
    await newSession(course, 'later', at(10));
    await newSession(course, 'tomorrow', at(1));
    for (const date of ['later', 'tomorrow']) {
      const booking = await createBooking(token, course, date);
      await sandboxPay(booking.stripeSessionId, 'pay');
      await waitForStatus(booking.id, 'paid');
    }
    const element = mountDashboard(token);
    await until(() => text(element).includes('Kiln night'));
    const buttons = () => [...element.shadowRoot!.querySelectorAll('button')];
    const press = (label: string, nth = 0) => {
      const named = buttons().filter((b) => b.textContent!.trim() === label);
      named[nth]!.click();
    };
    // Tomorrow's is too late to cancel (the list shows the soonest first): its detail says why.
    press('Details', 0);
    await until(() => text(element).includes('History'));
    expect(text(element)).to.contain('no longer allows cancelling');
    expect(text(element)).to.contain('no longer allows moving this booking');
    expect(buttons().some((b) => b.textContent!.trim() === 'Cancel booking')).to.equal(false);
    press('Back to all bookings');
    await until(() => text(element).includes('Kiln night') && !text(element).includes('History'));

    press('Details', 1);
    await until(() => text(element).includes('History'));
    // The course's policy, in one sentence, always in the detail.
    expect(text(element)).to.contain('50% refund if cancelled up to 2 days before the start.');
    press('Cancel booking');
    await until(() => text(element).includes('You will get €64.50 back.'));
    await expect(element).to.be.accessible();
    press('Yes, cancel it');
    await until(() => text(element).includes('Cancelled'));
    expect(text(element)).not.to.contain('Cancel booking');
  });

  it('moves a paid booking to another date with a seat, and says so when the chosen one sold out meanwhile', async () => {
    const token = await tokenFor(newStudent());
    const course = await newCourse({
      title: 'Throwing weekend',
      price: 9000,
      currency: 'eur',
      cancellationPolicy: { windows: [{ hoursBefore: 48, refundPercent: 100 }], moveUntilHoursBefore: 24 },
    });
    const day = 86_400_000;
    const at = (days: number, capacity?: number) => ({
      startsAt: new Date(Date.now() + days * day).toISOString(),
      endsAt: new Date(Date.now() + days * day + 3_600_000).toISOString(),
      timeZone: 'Asia/Tokyo',
      ...(capacity ? { capacity } : {}),
    });
    await newSession(course, 'first', at(10));
    await newSession(course, 'last-seat', at(20, 1));
    await newSession(course, 'full', at(30, 1));
    await newSession(course, 'spare', at(40));
    const taken = await createBooking(await tokenFor(newStudent()), course, 'full');
    await sandboxPay(taken.stripeSessionId, 'pay');
    const mine = await createBooking(token, course, 'first');
    await sandboxPay(mine.stripeSessionId, 'pay');
    await waitForStatus(mine.id, 'paid');

    const element = mountDashboard(token);
    await until(() => text(element).includes('Throwing weekend'));
    const press = (label: string) =>
      [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!.click();
    press('Details');
    await until(() => text(element).includes('History'));
    press('Move to another date');
    await until(() => text(element).includes('Choose the new date'));
    // The dates with a seat, other than its own, each in its zone with the zone named.
    const offered = () => [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="date"]')];
    expect(offered().map((input) => input.value)).to.deep.equal(['last-seat', 'spare']);
    expect(offered()[0]!.closest('label')!.textContent).to.match(/Japan Standard Time|GMT\+9/);
    await expect(element).to.be.accessible();

    // Someone else takes the last seat before the student presses Move.
    const rival = await createBooking(await tokenFor(newStudent()), course, 'last-seat');
    await sandboxPay(rival.stripeSessionId, 'pay');
    await waitForStatus(rival.id, 'paid');
    press('Move my booking');
    await until(() => text(element).includes('That date has just sold out.') && offered().length === 1);
    expect(offered()[0]!.value).to.equal('spare');
    press('Move my booking');
    await until(() => text(element).includes('Moved to'));
    const stored = await (
      await fetch(`${api}/api/bookings/${mine.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(stored.sessionId).to.equal('spare');
    expect(text(element)).not.to.contain('Choose the new date');
  });

  it('links the invoice of a course that asks Stripe for one', async () => {
    const token = await tokenFor(newStudent());
    const course = await newCourse({ title: 'Bookkeeping for makers', invoiceCreation: true });
    const booking = await createBooking(token, course);
    await sandboxPay(booking.stripeSessionId, 'pay');
    await waitForStatus(booking.id, 'paid');
    const element = mountDashboard(token);
    await until(() => text(element).includes('Bookkeeping for makers'));
    [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Details')!.click();
    await until(() => !!element.shadowRoot!.querySelector('a[href*="/invoice/in_"]'));
    const link = element.shadowRoot!.querySelector<HTMLAnchorElement>('a[href*="/invoice/in_"]')!;
    expect(link.textContent).to.match(/^SANDBOX-\d{4}$/);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    expect(text(element)).to.contain('Invoice');
    await expect(element).to.be.accessible();
  });

  it('offers Complete payment for an awaiting payment, going to its open checkout; dates say what they are', async () => {
    const token = await tokenFor(newStudent());
    const pending = await createBooking(token, 'web-components');
    const element = mountDashboard(token);
    await until(() => text(element).includes('Awaiting payment'));
    expect(text(element)).to.contain('Started on');
    expect(text(element)).not.to.contain('Booked on');
    await expect(element).to.be.accessible();
    const redirected = new Promise<CbRedirectEvent>((done) =>
      element.addEventListener(
        'cb-redirect',
        (event) => {
          event.preventDefault(); // the test page stays
          done(event as CbRedirectEvent);
        },
        { once: true },
      ),
    );
    element
      .shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Complete payment: Web Components Workshop"]')!
      .click();
    const event = await redirected;
    expect(event.bookingId).to.equal(pending.id);
    expect(event.url).to.contain(pending.stripeSessionId);
  });

  it('shows a page at a time, newest first, and Show more brings the next', async () => {
    const token = await tokenFor(newStudent());
    for (const title of ['First', 'Second', 'Third']) await createBooking(token, await newCourse({ title }));
    const element = mountDashboard(token);
    element.pageSize = 2;
    await until(() => text(element).includes('Third') && text(element).includes('Second'));
    expect(text(element)).not.to.contain('First');
    const more = [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Show more'))!;
    more.click();
    await until(() => text(element).includes('First'));
    expect([...element.shadowRoot!.querySelectorAll('li strong')].map((s) => s.textContent)).to.deep.equal([
      'Third',
      'Second',
      'First',
    ]);
    expect(text(element)).not.to.contain('Show more');
  });

  it('keeps the sign-in for the visit, and Sign out forgets it', async () => {
    const { token, expiresAt } = (await executeServerCommand('cb-token', { name: newStudent() })) as {
      token: string;
      expiresAt: string;
    };
    const key = `cb-token:${new URL(api).origin}`;
    sessionStorage.setItem(key, JSON.stringify({ value: token, expiresAt: Date.parse(expiresAt) }));
    const element = mountDashboard();
    await until(() => text(element).includes('no bookings yet'));
    const signOut = [...element.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Sign out'),
    )!;
    signOut.click();
    await until(() => text(element).includes('Sign in to see your bookings.'));
    expect(sessionStorage.getItem(key)).to.equal(null);
  });

  for (const [lang, prompt, signIn] of [
    ['de', 'Melden Sie sich an, um Ihre Buchungen zu sehen.', 'Anmelden'],
    ['fr', 'Connectez-vous pour voir vos réservations.', 'Se connecter'],
    ['es', 'Inicie sesión para ver sus reservas.', 'Iniciar sesión'],
    ['ja', 'ログインすると予約を確認できます。', 'ログイン'],
  ] as const) {
    it(`speaks ${lang}, loading its messages on demand`, async () => {
      const wrapper = document.createElement('div');
      wrapper.lang = lang;
      const element = document.createElement('booking-dashboard') as BookingDashboard;
      element.api = api;
      wrapper.append(element);
      document.body.append(wrapper);
      try {
        await until(() => text(element).includes(prompt));
        expect(element.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal(signIn);
        await expect(element).to.be.accessible();
      } finally {
        wrapper.remove();
      }
    });
  }

  it('shows an error with Try again when the backend cannot be reached', async () => {
    const element = mountDashboard('any-token', 'http://127.0.0.1:9');
    await until(() => text(element).includes('cannot be loaded'));
    expect(element.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Try again');
  });

  it('goes back to sign-in when the API refuses the token', async () => {
    const element = mountDashboard('not-a-token');
    await until(() => text(element).includes('Sign in again'));
  });
});
