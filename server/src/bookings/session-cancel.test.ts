import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, Course } from '../../../common/contract.js';
import { startFerretDb } from '../../../scripts/lib/servers.mjs';
import { startBackendFleet } from '../../../test/support/backend-process.js';
import { returnUrl, siteOrigin, startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { poll } from '../../../test/support/poll.js';
import type { SessionInput } from '../courses/session-schema.js';

// The organiser cancels a dated session: it leaves the widget at once, every paid booking gets its
// money back in full through Stripe exactly once (however often the cancel is pressed, and across a
// kill -9 mid-way), open checkouts close, and each booking shows it was cancelled by the organiser.

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const sessionInput = (capacity: number | null = 10): SessionInput =>
  ({ startsAt: inDays(20), endsAt: inDays(21), timeZone: 'Europe/Berlin', capacity }) as SessionInput;

/** The `charge.refunded` events the sandbox sent for a payment: one per refund Stripe made. */
async function refundsSent(sandboxUrl: string, paymentIntentId: string) {
  const { events } = (await (await fetch(`${sandboxUrl}/sandbox/events`)).json()) as {
    events: Array<{ type: string; object: { payment_intent?: string } }>;
  };
  return events.filter((e) => e.type === 'charge.refunded' && e.object.payment_intent === paymentIntentId).length;
}

describe('POST /api/admin/courses/:courseId/sessions/:sessionId/cancel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const course = { title: 'Pottery Weekend', description: '', price: 12900, currency: 'eur', active: true };
    await h.catalog.put('pottery', course);
    await h.catalog.put('clay-free', { ...course, title: 'Open studio', price: 0 });
  });
  afterAll(() => h.close());

  async function putSession(courseId: string, sessionId: string, capacity: number | null = 10) {
    await h.stores.sessions.upsert(courseId, sessionId, sessionInput(capacity), new Date());
    h.catalog.forget(courseId);
  }
  const book = (token: string, courseId: string, sessionId: string) =>
    h.api('/api/bookings/create', { token, body: { courseId, sessionId, returnUrl, mode: 'redirect' } });
  async function paid(courseId: string, sessionId: string) {
    const student = h.student();
    const { body } = await book(student.token, courseId, sessionId);
    await h.payPage(body.booking.stripeSessionId, 'pay');
    const booking = await h.waitForStatus(body.booking.id, 'paid');
    return { student, booking };
  }
  const cancel = (courseId: string, sessionId: string) =>
    h.admin(`/courses/${courseId}/sessions/${sessionId}/cancel`, { method: 'POST' });

  it('refunds each paid booking in full once, closes open checkouts and takes the date off the widget; a second press changes nothing', async () => {
    await putSession('pottery', 'march');
    const first = await paid('pottery', 'march');
    const second = await paid('pottery', 'march');
    const open = await book(h.student().token, 'pottery', 'march');
    expect(open.status).toBe(201);

    const res = await cancel('pottery', 'march');
    expect(res.status).toBe(200);
    expect(res.body.session).toMatchObject({ id: 'march', cancelled: true, cancelPending: false });
    const refunds = res.body.refunds as Array<{ bookingId: string; amountRefunded: number; refundId: string }>;
    expect(refunds.map((r) => r.bookingId).sort()).toEqual([first.booking.id, second.booking.id].sort());
    expect(refunds.every((r) => r.amountRefunded === 12900 && r.refundId.startsWith('re_'))).toBe(true);

    // The widget's read no longer lists it; booking it is refused.
    const course = (await h.api('/api/courses/pottery')).body as Course;
    expect(course.sessions?.map((s) => s.id) ?? []).not.toContain('march');
    expect((await book(h.student().token, 'pottery', 'march')).body.error.code).toBe('session_not_found');
    // The open checkout was closed.
    await h.waitForStatus(open.body.booking.id, 'expired');

    // The student sees what happened and what came back.
    const seen = (await h.api(`/api/bookings/${first.booking.id}`, { token: first.student.token })).body as Booking;
    expect(seen.paymentStatus).toBe('cancelled');
    expect(seen.cancellation).toMatchObject({ by: 'organiser', reason: 'session_cancelled', amountRefunded: 12900 });

    // Again, and after Stripe's refund webhooks arrived: the same answer, no second refund, one audit entry.
    await h.webhooksSettled();
    const again = await cancel('pottery', 'march');
    expect(again.status).toBe(200);
    expect((again.body.refunds as unknown[]).length).toBe(2);
    for (const { booking } of [first, second]) {
      expect(await refundsSent(h.sandboxUrl, booking.stripePaymentIntentId!)).toBe(1);
      expect((await h.stored(booking.id)).paymentStatus).toBe('cancelled');
    }
    const audit = await h.admin('/audit?limit=50');
    const entries = (audit.body.entries as Array<{ action: string; after: { sessionId?: string } }>).filter(
      (e) => e.action === 'session.cancel' && e.after.sessionId === 'march',
    );
    expect(entries).toHaveLength(1);
  });

  it('ends a free booking without a refund, and frees nothing it can still sell', async () => {
    await putSession('clay-free', 'may', 1);
    const student = h.student();
    const free = await book(student.token, 'clay-free', 'may');
    expect(free.body.booking.paymentStatus).toBe('paid');
    const res = await cancel('clay-free', 'may');
    expect(res.body.refunds).toEqual([
      { bookingId: free.body.booking.id, amountRefunded: 0, currency: 'eur', refundId: null },
    ]);
    expect((await h.stored(free.body.booking.id)).paymentStatus).toBe('cancelled');
  });

  it('sends back money that arrives for a cancelled date (a delayed payment), and then finishes the cancellation', async () => {
    await putSession('pottery', 'april');
    const { body } = await book(h.student().token, 'pottery', 'april');
    await h.payPage(body.booking.stripeSessionId, 'delayed');
    await h.waitForStatus(body.booking.id, 'processing');
    const res = await cancel('pottery', 'april');
    // Its payment is under way: the cancellation waits for it.
    expect(res.body.session).toMatchObject({ cancelled: true, cancelPending: true });
    await h.operator(`/sessions/${body.booking.stripeSessionId}/settle`, { outcome: 'succeeded' });
    const refunded = await h.waitForStatus(body.booking.id, 'refunded');
    expect(refunded.history.at(-1)).toMatchObject({ type: 'refund.no_seat_left' });
    await h.reconcileAt(0);
    expect((await h.admin('/courses/pottery/sessions/april/cancel', { method: 'POST' })).body.session).toMatchObject({
      cancelPending: false,
    });
  });

  it('answers 404 session_not_found for a session the course does not have, and 409 to a change of a cancelled one', async () => {
    const res = await cancel('pottery', 'never');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('session_not_found');
    const put = await h.admin('/courses/pottery/sessions/march', { method: 'PUT', body: sessionInput() });
    expect(put.status).toBe(409);
    expect(put.body.error.code).toBe('session_cancelled');
  });
});

describe('a cancellation killed mid-way', () => {
  let ferret: Awaited<ReturnType<typeof startFerretDb>> | undefined;
  let fleet: Awaited<ReturnType<typeof startBackendFleet>>;
  /** Kills the backend when Stripe is asked for the second refund, while that request is on its way. */
  let killAtSecondRefund: (() => void) | undefined;
  let refundRequests = 0;
  beforeAll(async () => {
    ferret = process.env.TEST_MONGODB_URI ? undefined : await startFerretDb();
    fleet = await startBackendFleet({
      mongodbUri: process.env.TEST_MONGODB_URI ?? ferret!.url,
      env: { RECONCILE_INTERVAL_MS: '1000' },
      tap: (request) => {
        if (new URL(request.url).pathname !== '/v1/refunds') return;
        refundRequests += 1;
        if (refundRequests === 2) killAtSecondRefund?.();
      },
    });
  }, 60_000);
  afterAll(async () => {
    await fleet?.stop();
    await ferret?.stop();
  });

  it('is finished by the restarted backend, every paid booking refunded exactly once', async () => {
    const backend = await fleet.start();
    await fleet.putCourse(backend.url, 'kiln');
    const put = await fleet.admin(backend.url, '/courses/kiln/sessions/june', { method: 'PUT', body: sessionInput() });
    expect(put.status).toBe(201);
    const booked: Array<{ id: string; headers: Record<string, string> }> = [];
    for (let n = 0; n < 4; n += 1) {
      const { headers } = fleet.student();
      const res = await fetch(`${backend.url}/api/bookings/create`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ courseId: 'kiln', sessionId: 'june', returnUrl: `${siteOrigin}/` }),
      });
      const { booking } = (await res.json()) as { booking: Booking };
      await fetch(`${fleet.sandboxUrl}/pay/${booking.stripeSessionId}/pay`, { method: 'POST', redirect: 'manual' });
      // The sandbox of this fleet sends no webhooks: the student's return asks Stripe.
      const synced = await fetch(`${backend.url}/api/bookings/${booking.id}/sync`, { method: 'POST', headers });
      expect(((await synced.json()) as Booking).paymentStatus).toBe('paid');
      booked.push({ id: booking.id, headers });
    }

    killAtSecondRefund = () => backend.child.kill('SIGKILL');
    const pressed = await fleet
      .admin(backend.url, '/courses/kiln/sessions/june/cancel', { method: 'POST' })
      .catch(() => null);
    expect(pressed).toBeNull(); // killed before it answered

    // The restarted backend's reconciler finishes it; pressing cancel again changes nothing.
    const restarted = await fleet.start();
    const views = await poll(
      async () => {
        const all = await Promise.all(
          booked.map(
            async ({ id, headers }) =>
              (await (await fetch(`${restarted.url}/api/bookings/${id}`, { headers })).json()) as Booking,
          ),
        );
        return all.every((b) => b.paymentStatus === 'cancelled') ? all : undefined;
      },
      'every booking of the cancelled session to end cancelled',
      { timeoutMs: 20_000 },
    );
    expect(views.every((b) => b.cancellation?.amountRefunded === 4900)).toBe(true);
    const again = await fleet.admin(restarted.url, '/courses/kiln/sessions/june/cancel', { method: 'POST' });
    expect(again.body.session).toMatchObject({ cancelled: true, cancelPending: false });
    for (const view of views) expect(await refundsSent(fleet.sandboxUrl, view.stripePaymentIntentId!)).toBe(1);
  }, 90_000);
});
