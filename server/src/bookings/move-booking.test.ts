import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../../common/contract.js';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { seatPool } from '../courses/course-sessions.js';
import type { SessionInput } from '../courses/session-schema.js';

// The operator moves a paid booking to another date of its course: the seat there is checked and
// taken, the old one goes back, the payment stays, the student sees the new date, the move is audited.
let h: Harness;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
/** Puts a date of the course, starting `day` days from now, with its own seats. */
async function putDate(id: string, day: number, capacity: number) {
  const input = { startsAt: inDays(day), endsAt: inDays(day + 1), timeZone: 'Europe/Berlin', capacity };
  await h.stores.sessions.upsert('wheel', id, input as SessionInput, new Date());
  h.catalog.forget('wheel');
}

beforeAll(async () => {
  h = await startHarness();
  await h.catalog.put('wheel', {
    title: 'Wheel throwing',
    description: '',
    price: 9900,
    currency: 'eur',
    active: true,
  });
  await putDate('june', 30, 3);
  await putDate('july', 60, 1);
  await putDate('august', 90, 5);
});
afterAll(() => h.close());

async function paidOn(sessionId: string) {
  const student = h.student();
  const { body } = await h.api('/api/bookings/create', {
    token: student.token,
    body: { courseId: 'wheel', sessionId, returnUrl, mode: 'redirect' },
  });
  await h.payPage(body.booking.stripeSessionId, 'pay');
  return { student, booking: await h.waitForStatus(body.booking.id, 'paid') };
}
const move = (id: string, sessionId: string) => h.admin(`/bookings/${id}/move`, { body: { sessionId } });
const seatsLeft = async (id: string) =>
  ((await h.api('/api/courses/wheel')).body as Course).sessions!.find((s) => s.id === id)!.seatsLeft;

describe('POST /api/admin/bookings/:id/move', () => {
  it('moves a paid booking to another date: its seat follows, the payment stays, the student sees it, audited', async () => {
    const { student, booking } = await paidOn('june');
    const [juneBefore, augustBefore] = [await seatsLeft('june'), await seatsLeft('august')];
    const res = await move(booking.id, 'august');
    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({
      id: booking.id,
      sessionId: 'august',
      paymentStatus: 'paid',
      amountPaid: 9900,
    });
    expect(await seatsLeft('june')).toBe(juneBefore! + 1);
    expect(await seatsLeft('august')).toBe(augustBefore! - 1);
    const seen = await h.api(`/api/bookings/${booking.id}`, { token: student.token });
    expect(seen.body.session.id).toBe('august');
    const audit = await h.admin('/audit?limit=20');
    expect(audit.body.entries).toContainEqual(
      expect.objectContaining({
        action: 'booking.move',
        before: { sessionId: 'june' },
        after: { sessionId: 'august' },
      }),
    );
    // Moving it where it is changes nothing.
    expect((await move(booking.id, 'august')).status).toBe(200);
    expect(await seatsLeft('august')).toBe(augustBefore! - 1);
  });

  it('refuses a full date (409 sold_out), an unknown one (404), and a student already booked there (409 already_booked), keeping the seat', async () => {
    await paidOn('july'); // the one seat of July
    const { student, booking } = await paidOn('june');
    const juneBefore = await seatsLeft('june');
    const full = await move(booking.id, 'july');
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('sold_out');
    expect((await move(booking.id, 'december')).body.error.code).toBe('session_not_found');
    // The same student books August too: June's booking cannot move there.
    const august = await h.api('/api/bookings/create', {
      token: student.token,
      body: { courseId: 'wheel', sessionId: 'august', returnUrl, mode: 'redirect' },
    });
    expect(august.status).toBe(201);
    const taken = await move(booking.id, 'august');
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('already_booked');
    expect((await h.stored(booking.id)).sessionId).toBe('june');
    expect(await seatsLeft('june')).toBe(juneBefore);
    // No seat of August was kept for the refused move.
    const held = await h.db.collection('seats').countDocuments({ bookingId: booking.id });
    expect(held).toBe(1);
  });

  it('refuses a booking that is not paid (409 not_movable) and one of a self-paced course', async () => {
    const { body } = await h.api('/api/bookings/create', {
      token: h.student().token,
      body: { courseId: 'wheel', sessionId: 'august', returnUrl, mode: 'redirect' },
    });
    const pending = await move(body.booking.id, 'june');
    expect(pending.status).toBe(409);
    expect(pending.body.error.code).toBe('not_movable');
    const undated = await h.paidBooking(h.student().token);
    expect((await move(undated.id, 'june')).body.error.code).toBe('not_movable');
    expect((await move('bk_nobody', 'june')).status).toBe(404);
  });

  it('settles both holds of a move that stopped half-way: the seat stays where the booking is', async () => {
    const { booking } = await paidOn('june');
    // A crash after the first half: a seat of August held, June's set to lapse.
    const lapse = new Date(Date.now() + 60_000);
    await h.stores.seats.take(
      { courseId: seatPool('wheel', 'august'), bookingId: booking.id, attempt: 1, quantity: 1 },
      5,
      lapse,
      new Date(),
    );
    await h.stores.seats.holdUntil(booking.id, seatPool('wheel', 'june'), lapse, new Date());
    await h.reconcileAt(10 * 60_000);
    const seats = await h.db.collection('seats').find({ bookingId: booking.id }).toArray();
    expect(seats.map((s) => [s.courseId, s.heldUntil])).toEqual([[seatPool('wheel', 'june'), null]]);
  });
});

describe('GET /api/admin/courses/:courseId/sessions/:sessionId/attendees', () => {
  it('lists who comes to a date (paid, oldest first; not open checkouts), as JSON and as CSV', async () => {
    await putDate('september', 120, 5);
    const first = await paidOn('september');
    const second = await paidOn('september');
    await h.api('/api/bookings/create', {
      token: h.student().token,
      body: { courseId: 'wheel', sessionId: 'september', returnUrl, mode: 'redirect' },
    });
    const res = await h.admin('/courses/wheel/sessions/september/attendees');
    expect(res.status).toBe(200);
    expect(res.body.session.id).toBe('september');
    expect(res.body.attendees.map((a: { bookingId: string }) => a.bookingId)).toEqual([
      first.booking.id,
      second.booking.id,
    ]);
    expect(res.body.attendees[0]).toMatchObject({ paymentStatus: 'paid', amountPaid: 9900, currency: 'eur' });

    const csv = await h.admin('/courses/wheel/sessions/september/attendees', { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'bookingId,seat,name,attendeeEmail,paymentStatus,paidAt,userId,email,quantity,amountPaid,currency',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([first.booking.id, second.booking.id]);
    expect((await h.admin('/courses/wheel/sessions/nope/attendees')).status).toBe(404);
  });
});

describe("the operator's list of a course's sessions, and fewer seats than are taken", () => {
  it('lists every session with its seats taken, and asks for a confirmation to set fewer seats than that', async () => {
    await putDate('october', 150, 4);
    await paidOn('october');
    await paidOn('october');
    const list = await h.admin('/courses/wheel/sessions');
    expect(list.status).toBe(200);
    const october = list.body.sessions.find((s: { id: string }) => s.id === 'october');
    expect(october).toMatchObject({ capacity: 4, seatsTaken: 2, cancelled: false });
    const body = { startsAt: inDays(150), endsAt: inDays(151), timeZone: 'Europe/Berlin', capacity: 1 };
    const refused = await h.admin('/courses/wheel/sessions/october', { method: 'PUT', body });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.capacity).toMatch(/^2 seats are taken already/);
    const confirmed = await h.admin('/courses/wheel/sessions/october', {
      method: 'PUT',
      body: { ...body, confirmFewerSeats: true },
    });
    expect(confirmed.status).toBe(200);
    expect(
      ((await h.api('/api/courses/wheel')).body as Course).sessions!.find((s) => s.id === 'october'),
    ).toMatchObject({ soldOut: true, seatsLeft: 0 });
    expect((await h.admin('/courses/nothing-here/sessions')).status).toBe(404);
  });
});
