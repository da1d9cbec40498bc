import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendee, Course } from '../../../common/contract.js';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// Attendees and questions: a course asks each attendee up to five questions; a purchase names one
// attendee per seat with the answers, checked on the server (a 400 naming each bad field); its
// student changes them until the session starts; the console's attendee list (and its CSV) has one
// row per attendee with the answers.
let h: Harness;
const questions = [
  { id: 'diet', label: 'Dietary needs', type: 'select', options: ['none', 'vegetarian', 'vegan'], required: true },
  { id: 'note', label: 'Anything we should know?', type: 'text' },
  { id: 'photos', label: 'Photos may be taken', type: 'checkbox', required: true },
];
beforeAll(async () => {
  h = await startHarness();
  const course = { description: '', price: 4900, currency: 'usd', active: true };
  await h.admin('/courses/kiln', {
    method: 'PUT',
    body: { ...course, title: 'Kiln day', maxPerOrder: 3, questions },
  });
  await h.catalog.put('glaze', { ...course, title: 'Glaze lab', maxPerOrder: 3 });
  await h.catalog.put('wheel', { ...course, title: 'Wheel', maxPerOrder: 2 });
  await h.putSession('wheel', 'june', { startsAt: '2027-06-01T10:00:00+02:00', capacity: 10 });
});
afterAll(() => h.close());

const create = (token: string, body: Record<string, unknown>) =>
  h.api('/api/bookings/create', { token, body: { returnUrl, mode: 'redirect', ...body } });
const ada: Attendee = { name: 'Ada', email: 'ada@example.com', answers: { diet: 'vegan', photos: true } };
/** Named only: for a course that asks nothing. */
const plain = (name: string): Attendee => ({ name, answers: {} });
const bo: Attendee = { name: 'Bo', answers: { diet: 'none', note: '  left-handed  ', photos: true } };

describe("a course's questions", () => {
  it('are set through the operator API (up to five, each checked) and shown in the public read', async () => {
    const course = (await h.api('/api/courses/kiln')).body as Course;
    expect(course.questions).toEqual([questions[0], { ...questions[1], required: false }, questions[2]]);
    const put = (qs: unknown) =>
      h.admin('/courses/bad-questions', {
        method: 'PUT',
        body: { title: 'Bad', price: 4900, currency: 'usd', questions: qs },
      });
    const refused = [
      [{ id: 'a', label: 'A', type: 'select' }], // a select without options
      [{ id: 'a', label: 'A', type: 'text', options: ['x', 'y'] }], // options on text
      [{ id: 'a', label: 'A', type: 'date' }],
      [{ id: 'Bad Id', label: 'A', type: 'text' }],
      [
        { id: 'a', label: 'A', type: 'text' },
        { id: 'a', label: 'B', type: 'text' },
      ],
      Array.from({ length: 6 }, (_, i) => ({ id: `q${i}`, label: `Q${i}`, type: 'text' })),
    ];
    for (const qs of refused) {
      const res = await put(qs);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fields).join()).toMatch(/^questions/);
    }
  });
});

describe('POST /api/bookings/create with attendees', () => {
  it('keeps one attendee per seat with their answers (trimmed), shown to the student', async () => {
    const { token } = h.student();
    const res = await create(token, { courseId: 'kiln', quantity: 2, attendees: [ada, bo] });
    expect(res.status).toBe(201);
    expect(res.body.booking.attendees).toEqual([ada, { ...bo, answers: { ...bo.answers, note: 'left-handed' } }]);
    const read = await h.api(`/api/bookings/${res.body.booking.id}`, { token });
    expect(read.body.attendees).toHaveLength(2);
    expect(read.body.attendeesUntil).toEqual(expect.any(String));
    // Another student never sees them.
    expect((await h.api(`/api/bookings/${res.body.booking.id}`, { token: h.student().token })).status).toBe(404);
  });

  it('refuses a purchase whose attendees are missing or wrong, naming each field', async () => {
    const { token } = h.student();
    const missing = await create(token, { courseId: 'kiln', quantity: 2 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual({ attendees: 'must name each of the 2 attendees' });
    const short = await create(token, { courseId: 'kiln', quantity: 2, attendees: [ada] });
    expect(short.body.error.fields.attendees).toBe('must name each of the 2 attendees');
    const malformed = await create(token, {
      courseId: 'kiln',
      quantity: 1,
      attendees: [{ name: ' ', email: 'not-an-address', answers: { note: 'hi' } }],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toEqual({
      'attendees.0.name': 'must not be empty',
      'attendees.0.email': 'must be an email address',
    });
    const wrong = await create(token, {
      courseId: 'kiln',
      quantity: 1,
      attendees: [{ name: 'Cy', answers: { diet: 'paleo', photos: 'yes', shoe: '42' } }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual({
      'attendees.0.answers.diet': 'must be one of none, vegetarian, vegan',
      'attendees.0.answers.photos': 'must be true or false',
      'attendees.0.answers.shoe': 'is not a question of this course',
    });
    const unanswered = await create(token, {
      courseId: 'kiln',
      quantity: 1,
      attendees: [{ name: 'Di', answers: { photos: false } }],
    });
    expect(unanswered.body.error.fields).toEqual({
      'attendees.0.answers.diet': 'is required',
      'attendees.0.answers.photos': 'must be ticked',
    });
    // Nothing was written: the student has no booking.
    expect((await h.api('/api/bookings/user', { token })).body.bookings).toHaveLength(0);
  });

  it('needs names for a group even where the course asks nothing, and none for one seat', async () => {
    const { token } = h.student();
    expect((await create(token, { courseId: 'glaze', quantity: 2 })).body.error.fields).toEqual({
      attendees: 'must name each of the 2 attendees',
    });
    const one = await create(h.student().token, { courseId: 'glaze' });
    expect(one.status).toBe(201);
    expect(one.body.booking).not.toHaveProperty('attendees');
  });

  it('keeps the group as it was when a later create names no seats (Complete payment from the dashboard)', async () => {
    const { token } = h.student();
    const booked = await create(token, { courseId: 'glaze', quantity: 2, attendees: [plain('Ada'), plain('Bo')] });
    const again = await create(token, { courseId: 'glaze', returnUrl: `${returnUrl}?from=dashboard` });
    expect(again.status).toBe(201);
    expect(again.body.booking).toMatchObject({ id: booked.body.booking.id, quantity: 2, amount: 9800 });
    expect(again.body.booking.attendees.map((a: Attendee) => a.name)).toEqual(['Ada', 'Bo']);
  });
});

describe('PUT /api/bookings/:id/attendees', () => {
  const put = (token: string, id: string, attendees: unknown) =>
    h.api(`/api/bookings/${id}/attendees`, { token, method: 'PUT', body: { attendees } });

  it('lets the student change who comes until the session starts, checked as at purchase; the console sees it', async () => {
    const { token } = h.student();
    const { body } = await create(token, {
      courseId: 'wheel',
      sessionId: 'june',
      quantity: 2,
      attendees: [plain('Ada'), plain('Bo')],
    });
    await h.payPage(body.booking.stripeSessionId, 'pay');
    await h.waitForStatus(body.booking.id, 'paid');
    const changed = await put(token, body.booking.id, [
      plain('Ada'),
      { name: 'Cy', email: 'cy@example.com', answers: {} },
    ]);
    expect(changed.status).toBe(200);
    expect(changed.body.booking.attendees[1]).toEqual({ name: 'Cy', email: 'cy@example.com', answers: {} });
    expect((await put(token, body.booking.id, [plain('Ada')])).body.error.fields).toEqual({
      attendees: 'must name each of the 2 attendees',
    });
    expect((await put(h.student().token, body.booking.id, [plain('X'), plain('Y')])).status).toBe(404);
    // The console's attendee list: one row per seat, with the change.
    const list = await h.admin('/courses/wheel/sessions/june/attendees');
    const rows = list.body.attendees.filter((a: { bookingId: string }) => a.bookingId === body.booking.id);
    expect(rows.map((r: { seat: number; name: string }) => [r.seat, r.name])).toEqual([
      [1, 'Ada'],
      [2, 'Cy'],
    ]);
    expect(rows[1]).toMatchObject({ attendeeEmail: 'cy@example.com', quantity: 2, paymentStatus: 'paid' });
  });

  it('refuses a change once the window closed (409 attendees_locked), and says so in the owner view', async () => {
    const { token } = h.student();
    const { body } = await create(token, { courseId: 'glaze' });
    // Booked 15 days ago: an undated course's attendees may change for 14.
    await h.db
      .collection('bookings')
      .updateOne({ _id: body.booking.id } as never, { $set: { createdAt: new Date(Date.now() - 15 * 86_400_000) } });
    const late = await put(token, body.booking.id, [{ name: 'Ed', answers: {} }]);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('attendees_locked');
    expect((await h.api(`/api/bookings/${body.booking.id}`, { token })).body.attendeesUntil).toBeNull();
  });
});

describe("the console's attendee list as CSV", () => {
  it('has one row per attendee, with a column for each question', async () => {
    await h.putSession('kiln', 'sept', { startsAt: '2027-09-05T10:00:00+02:00', capacity: 6 });
    const { token } = h.student();
    const { body } = await create(token, { courseId: 'kiln', sessionId: 'sept', quantity: 2, attendees: [ada, bo] });
    await h.payPage(body.booking.stripeSessionId, 'pay');
    await h.waitForStatus(body.booking.id, 'paid');
    const res = await h.admin('/courses/kiln/sessions/sept/attendees', { accept: 'text/csv' });
    const [header, ...rows] = res.text.trim().split('\r\n');
    expect(header).toBe(
      'bookingId,seat,name,attendeeEmail,paymentStatus,paidAt,userId,email,quantity,amountPaid,currency,answer:diet,answer:note,answer:photos',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^bk_[^,]+,1,Ada,ada@example.com,paid,.*,2,9800,usd,vegan,,true$/);
    expect(rows[1]).toMatch(/^bk_[^,]+,2,Bo,,paid,.*,2,9800,usd,none,left-handed,true$/);
  });
});
