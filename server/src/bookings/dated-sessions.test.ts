import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../../common/contract.js';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// Booking a dated session: a course sold on dates needs one, each session sells its own seats, a
// student may book two dates of one course but each date once, and Checkout's line item names the
// date in the student's language and the session's zone.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const course = { description: '', price: 12900, currency: 'usd', active: true };
  await h.catalog.put('pottery', { ...course, title: 'Pottery Weekend' });
  await h.catalog.put('free-walk', { ...course, title: 'Free walk', price: 0 });
  await h.putSession('pottery', 'march', { startsAt: '2027-03-14T09:00:00+01:00', capacity: 2 });
  await h.putSession('pottery', 'april', { startsAt: '2027-04-11T09:00:00+02:00', capacity: 5 });
  await h.putSession('pottery', 'closed', {
    startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    bookingClosesAt: new Date(Date.now() - 1_000).toISOString(),
  });
  await h.putSession('free-walk', 'may', { startsAt: '2027-05-02T10:00:00+02:00', capacity: 1 });
});
afterAll(() => h.close());

const create = (token: string, body: Record<string, unknown>) =>
  h.api('/api/bookings/create', { token, body: { returnUrl, mode: 'redirect', ...body } });
const read = async (id: string) => (await h.api(`/api/courses/${id}`)).body as Course;

describe('POST /api/bookings/create for a course sold on dates', () => {
  it('needs a session (400 session_required naming sessionId), one of its own (404), still open (409)', async () => {
    const { token } = h.student();
    const none = await create(token, { courseId: 'pottery' });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 'session_required', fields: { sessionId: expect.any(String) } });
    expect((await create(token, { courseId: 'pottery', sessionId: 'june' })).body.error.code).toBe('session_not_found');
    const closed = await create(token, { courseId: 'pottery', sessionId: 'closed' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('session_closed');
    // A self-paced course takes no session.
    expect((await create(token, { courseId: 'intro-ts', sessionId: 'march' })).body.error.code).toBe(
      'session_not_found',
    );
  });

  it('books two dates of one course for one student, each date once, with the date on the line item', async () => {
    const { token } = h.student();
    const march = await create(token, { courseId: 'pottery', sessionId: 'march', locale: 'de' });
    expect(march.status).toBe(201);
    expect(march.body.booking.sessionId).toBe('march');
    const april = await create(token, { courseId: 'pottery', sessionId: 'april' });
    expect(april.status).toBe(201);
    expect(april.body.booking.id).not.toBe(march.body.booking.id);
    const again = await create(token, { courseId: 'pottery', sessionId: 'march', locale: 'de' });
    expect(again.status).toBe(200);
    expect(again.body.booking.id).toBe(march.body.booking.id);
    // What Stripe's receipt will name: the date in German, in Berlin time, the zone said.
    const page = await (await fetch(march.body.checkout.url)).text();
    expect(page).toContain('Pottery Weekend · 14. März 2027 um 09:00 MEZ');
    const session = await h.stripeApi<{ metadata: Record<string, string> }>(
      `/checkout/sessions/${march.body.booking.stripeSessionId}`,
    );
    expect(session.body.metadata).toMatchObject({ courseId: 'pottery', sessionId: 'march' });
  });

  it("sells each session's own seats: a full date is sold out, the next one still sells", async () => {
    const before = (await read('pottery')).sessions!;
    const seatsOf = (list: Course['sessions'], id: string) => list!.find((s) => s.id === id)!.seatsLeft;
    expect(seatsOf(before, 'march')).toBe(1); // one taken by the test above
    expect((await create(h.student().token, { courseId: 'pottery', sessionId: 'march' })).status).toBe(201);
    const full = await create(h.student().token, { courseId: 'pottery', sessionId: 'march' });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('sold_out');
    expect((await create(h.student().token, { courseId: 'pottery', sessionId: 'april' })).status).toBe(201);
    const after = (await read('pottery')).sessions!;
    expect(after.find((s) => s.id === 'march')).toMatchObject({ seatsLeft: 0, soldOut: true, bookable: false });
    expect(seatsOf(after, 'april')).toBe(seatsOf(before, 'april')! - 1);
  });

  it('confirms a free dated session at once, taking its seat', async () => {
    const first = await create(h.student().token, { courseId: 'free-walk', sessionId: 'may' });
    expect(first.status).toBe(201);
    expect(first.body.booking).toMatchObject({ paymentStatus: 'paid', sessionId: 'may' });
    expect((await create(h.student().token, { courseId: 'free-walk', sessionId: 'may' })).body.error.code).toBe(
      'sold_out',
    );
  });

  it('never oversells a session under 50 concurrent creates from 50 students', async () => {
    await h.putSession('pottery', 'rush', { startsAt: '2027-06-06T09:00:00+02:00', capacity: 4 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => create(h.student().token, { courseId: 'pottery', sessionId: 'rush' })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect((await read('pottery')).sessions!.find((s) => s.id === 'rush')).toMatchObject({ seatsLeft: 0 });
  });
});

describe('a dated booking, as its student sees it', () => {
  // Four Sundays at 10:00 Berlin time, across the change to summer time (28 March 2027).
  const sundays = ['2027-03-14', '2027-03-21', '2027-03-28', '2027-04-04'].map((day) => {
    const offset = day < '2027-03-28' ? '+01:00' : '+02:00';
    return { startsAt: `${day}T10:00:00${offset}`, endsAt: `${day}T12:00:00${offset}` };
  });
  beforeAll(async () => {
    await h.putSession('pottery', 'sundays', {
      startsAt: sundays[0]!.startsAt,
      endsAt: sundays.at(-1)!.endsAt,
      location: 'Studio 2, Berlin',
      onlineUrl: 'https://meet.example/pottery-sundays',
      meetings: sundays,
    });
  });

  it('shows the session with the booking, and its online link only once paid', async () => {
    const student = h.student();
    const booked = await create(student.token, { courseId: 'pottery', sessionId: 'sundays' });
    expect(booked.body.booking.session).toMatchObject({
      id: 'sundays',
      startsAt: '2027-03-14T09:00:00.000Z',
      timeZone: 'Europe/Berlin',
      location: 'Studio 2, Berlin',
    });
    expect(booked.body.booking.session.meetings).toHaveLength(4);
    expect(JSON.stringify(booked.body)).not.toContain('meet.example');
    await h.payPage(booked.body.booking.stripeSessionId, 'pay');
    await h.waitForStatus(booked.body.booking.id, 'paid');
    const paid = await h.api(`/api/bookings/${booked.body.booking.id}`, { token: student.token });
    expect(paid.body.session.onlineUrl).toBe('https://meet.example/pottery-sundays');
    const listed = await h.api('/api/bookings/user', { token: student.token });
    expect(listed.body.bookings[0].session.id).toBe('sundays');
  });

  it('downloads a calendar file for its owner: every meeting, in Berlin time, the same instants across the time change', async () => {
    const ICAL = (await import('ical.js')).default;
    const student = h.student();
    const { body } = await create(student.token, { courseId: 'pottery', sessionId: 'sundays' });
    const res = await fetch(`${h.appUrl}/api/bookings/${body.booking.id}/calendar.ics`, {
      headers: { authorization: `Bearer ${student.token}`, origin: 'http://localhost:8788' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="pottery-sundays.ics"');
    const text = await res.text();
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20270314T100000');
    expect(text).toContain('BEGIN:VTIMEZONE');
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(
      sundays.map((m) => new Date(m.startsAt).toISOString()),
    );
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toContain('2027-03-28T08:00:00.000Z');
    expect(events[0]!.location).toBe('Studio 2, Berlin');
    // Not paid yet: no online link in the file either.
    expect(text).not.toContain('meet.example');
  });

  it("is another student's 404, and an undated booking's 404 session_not_found", async () => {
    const owner = h.student();
    const { body } = await create(owner.token, { courseId: 'pottery', sessionId: 'sundays' });
    const other = await h.api(`/api/bookings/${body.booking.id}/calendar.ics`, { token: h.student().token });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('booking_not_found');
    const undated = await h.book(owner.token, 'intro-ts');
    const none = await h.api(`/api/bookings/${undated.id}/calendar.ics`, { token: owner.token });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('session_not_found');
  });
});
