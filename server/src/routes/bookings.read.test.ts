import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/booking-harness.js';

/** Another site allowed to embed the widget. */
const otherSite = 'http://127.0.0.1:8788';
let h: Harness;
beforeAll(async () => (h = await startHarness({ otherOrigins: [otherSite] })));
afterAll(() => h.close());

const admin = (query = '') =>
  fetch(`${h.appUrl}/api/admin/bookings${query}`, { headers: { authorization: `Bearer ${'a'.repeat(32)}` } });

describe('GET /api/bookings/user', () => {
  it('lists only the student own bookings, newest first, with the course title', async () => {
    const alice = h.student();
    const first = await h.book(alice.token, 'intro-ts');
    await new Promise((r) => setTimeout(r, 5));
    const second = await h.book(alice.token, 'tokyo-walk');
    await h.book(h.student().token, 'intro-ts');
    const res = await h.api('/api/bookings/user', { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.bookings.map((b: { id: string }) => b.id)).toEqual([second.id, first.id]);
    expect(res.body.bookings[0].course).toEqual({ id: 'tokyo-walk', title: 'Tokyo walk' });
  });

  it('returns 401 without a token', async () => {
    expect((await h.api('/api/bookings/user')).status).toBe(401);
  });

  it("answers the student's own booking of one course with ?courseId, and none for another's", async () => {
    const alice = h.student();
    const booked = await h.book(alice.token, 'tokyo-walk');
    await h.book(h.student().token, 'intro-ts');
    const mine = await h.api('/api/bookings/user?courseId=tokyo-walk', { token: alice.token });
    expect(mine.body.bookings.map((b: { id: string }) => b.id)).toEqual([booked.id]);
    const none = await h.api('/api/bookings/user?courseId=intro-ts', { token: alice.token });
    expect(none.body.bookings).toEqual([]);
    const bad = await h.api('/api/bookings/user?courseId=%24where', { token: alice.token });
    expect(bad.status).toBe(400);
  });

  it("answers the student's own bookings of the courses a page shows with ?courseIds, in one request", async () => {
    const alice = h.student();
    const tokyo = await h.book(alice.token, 'tokyo-walk');
    const intro = await h.book(alice.token, 'intro-ts');
    await h.book(h.student().token, 'intro-ts');
    const page = await h.api('/api/bookings/user?courseIds=intro-ts,tokyo-walk,no-such-course,intro-ts', {
      token: alice.token,
    });
    expect(page.status).toBe(200);
    expect(page.body.bookings.map((b: { id: string }) => b.id).sort()).toEqual([intro.id, tokyo.id].sort());
    expect(page.body.bookings[0]).toHaveProperty('paymentStatus');
    const other = await h.api('/api/bookings/user?courseIds=tokyo-walk', { token: h.student().token });
    expect(other.body.bookings).toEqual([]);
  });

  it('refuses a bad or too long course list with 400 naming courseIds', async () => {
    const alice = h.student();
    const tooMany = Array.from({ length: 51 }, (_, i) => `c-${i}`).join(',');
    for (const list of ['%24where', '', tooMany]) {
      const res = await h.api(`/api/bookings/user?courseIds=${list}`, { token: alice.token });
      expect(res.status).toBe(400);
      // The field named, down to the bad entry (`courseIds.0`).
      expect(Object.keys(res.body.error.fields).join()).toMatch(/^courseIds/);
    }
  });
});

describe('a widget token on the booking API', () => {
  it('works from the site it was issued to, and not from a server replaying it without Origin', async () => {
    const { userId } = h.student();
    const { token } = await h.auth.tokens.issue(userId, 'http://localhost:8788');
    expect((await h.api('/api/bookings/user', { token })).status).toBe(200);
    expect((await h.api('/api/bookings/user', { token, origin: null })).status).toBe(401);
    expect((await h.api('/api/bookings/user', { token, origin: otherSite })).status).toBe(401);
    const create = { courseId: 'intro-ts', returnUrl: 'http://localhost:8788/' };
    expect((await h.api('/api/bookings/create', { token, origin: null, body: create })).status).toBe(401);
  });
});

describe('GET /api/bookings/:id', () => {
  it('returns the owner booking with its history', async () => {
    const { token } = h.student();
    const { id } = await h.book(token);
    const res = await h.api(`/api/bookings/${id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, paymentStatus: 'pending', history: [{ status: 'pending' }] });
  });

  it("returns 404 booking_not_found for another student's booking, as for a missing one", async () => {
    const { id } = await h.book(h.student().token);
    const other = h.student();
    const theirs = await h.api(`/api/bookings/${id}`, { token: other.token });
    const missing = await h.api('/api/bookings/bk_missing', { token: other.token });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    expect((await h.api(`/api/bookings/${id}/sync`, { token: other.token, method: 'POST' })).status).toBe(404);
  });
});

describe('POST /api/bookings/:id/sync with the return ticket', () => {
  const syncWithTicket = (id: string, ticket: string, origin: string | null = 'http://localhost:8788') =>
    fetch(`${h.appUrl}/api/bookings/${id}/sync`, {
      method: 'POST',
      headers: { 'x-return-ticket': ticket, ...(origin ? { origin } : {}) },
    });
  const ticketOf = (location: string | null) => new URL(location!).searchParams.get('cb_ticket')!;

  it('lets the page Stripe sent back sync that booking without a token', async () => {
    const { id, sessionId } = await h.book(h.student().token);
    await h.operator('/webhooks', { enabled: false });
    try {
      const back = await h.payPage(sessionId, 'pay');
      const ticket = new URL(back.location!).searchParams.get('cb_ticket')!;
      expect(ticket).toBeTruthy();
      const res = await syncWithTicket(id, ticket);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { paymentStatus: string }).paymentStatus).toBe('paid');
    } finally {
      await h.operator('/webhooks', { enabled: true });
    }
  });

  it('refuses a forged ticket, or one for another booking, as not found', async () => {
    const mine = await h.book(h.student().token);
    const theirs = await h.book(h.student().token);
    const back = await h.payPage(mine.sessionId, 'cancel');
    const ticket = new URL(back.location!).searchParams.get('cb_ticket')!;
    expect((await syncWithTicket(theirs.id, ticket)).status).toBe(404);
    expect((await syncWithTicket(mine.id, `${ticket.split('.')[0]}.forged`)).status).toBe(404);
    expect((await syncWithTicket(mine.id, ticket)).status).toBe(200);
  });

  it('answers the status and the course only: no amounts, no Stripe ids', async () => {
    const { id, sessionId } = await h.book(h.student().token);
    const res = await syncWithTicket(id, ticketOf((await h.payPage(sessionId, 'cancel')).location));
    expect(await res.json()).toEqual({
      id,
      courseId: 'intro-ts',
      course: { id: 'intro-ts', title: 'Intro to TypeScript' },
      paymentStatus: 'pending',
    });
  });

  it('works only from the site it was issued to', async () => {
    const { id, sessionId } = await h.book(h.student().token);
    const ticket = ticketOf((await h.payPage(sessionId, 'cancel')).location);
    expect((await syncWithTicket(id, ticket, otherSite)).status).toBe(404);
    expect((await syncWithTicket(id, ticket, null)).status).toBe(404);
    expect((await syncWithTicket(id, ticket)).status).toBe(200);
  });

  it("stops working once the booking's next attempt starts", async () => {
    const { token } = h.student();
    const first = await h.book(token);
    const ticket = ticketOf((await h.payPage(first.sessionId, 'cancel')).location);
    const next = await h.book(token, 'intro-ts', 'embedded');
    expect(next.sessionId).not.toBe(first.sessionId);
    expect((await syncWithTicket(first.id, ticket)).status).toBe(404);
  });
});

describe('GET /api/admin/bookings', () => {
  it('filters by status and course, and shows the student id', async () => {
    const { userId, token } = h.student();
    const { id } = await h.paidBooking(token, 'tokyo-walk');
    const paid = await (await admin('?status=paid&courseId=tokyo-walk')).json();
    expect(paid.bookings.map((b: { id: string }) => b.id)).toContain(id);
    expect(paid.bookings.every((b: { paymentStatus: string }) => b.paymentStatus === 'paid')).toBe(true);
    expect(paid.bookings.find((b: { id: string }) => b.id === id).userId).toBe(userId);
    const pending = await (await admin('?status=pending')).json();
    expect(pending.bookings.map((b: { id: string }) => b.id)).not.toContain(id);
  });

  it('returns 400 for an unknown status and 401 without the key', async () => {
    expect((await admin('?status=bogus')).status).toBe(400);
    expect((await fetch(`${h.appUrl}/api/admin/bookings`)).status).toBe(401);
  });
});
