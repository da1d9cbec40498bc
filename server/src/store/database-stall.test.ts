import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFerretDb } from '../../../scripts/lib/servers.mjs';
import { sessionObject, startHarness, stripeEvent, type Harness } from '../../../test/support/booking-harness.js';
import { poll } from '../../../test/support/poll.js';

// The database freezes (its process paused with SIGSTOP, as a stalled disk or a GC pause would):
// the backend must say so quickly and lose nothing, then carry on when it thaws.
let ferret: Awaited<ReturnType<typeof startFerretDb>>;
let h: Harness;
/** The backend's clock runs this far ahead of the real one. */
let aheadMs = 0;
beforeAll(async () => {
  ferret = await startFerretDb();
  h = await startHarness({
    database: { uri: ferret.url, timeouts: { connectMs: 1_000, answerMs: 1_500 } },
    now: () => new Date(Date.now() + aheadMs),
  });
  await h.operator('/webhooks', { enabled: false });
});
afterAll(async () => {
  thaw();
  await h?.close();
  await ferret?.stop();
});

const freeze = () => process.kill(ferret.pid!, 'SIGSTOP');
const thaw = () => process.kill(ferret.pid!, 'SIGCONT');

/** The answer, or 'no answer' once `ms` pass: a bound on a hang, not a measurement. */
async function within<T>(ms: number, work: Promise<T>): Promise<T | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'no answer'>((done) => (timer = setTimeout(() => done('no answer'), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function waitUntilReady() {
  return poll(async () => ((await fetch(`${h.appUrl}/readyz`)).status === 200 ? true : undefined), 'ready again', {
    timeoutMs: 10_000,
  });
}

describe('a frozen database', () => {
  it('makes /readyz answer 503 within 2 seconds, and 200 once it thaws', async () => {
    freeze();
    try {
      const res = await within(3_000, fetch(`${h.appUrl}/readyz`));
      expect(res === 'no answer' ? res : res.status).toBe(503);
    } finally {
      thaw();
    }
    await waitUntilReady();
  });

  it('fails a booking fast with 503 and half-does nothing: the retry books once', async () => {
    const { token, userId } = h.student();
    freeze();
    let during;
    try {
      during = await within(
        15_000,
        h.api('/api/bookings/create', { token, body: { courseId: 'intro-ts', returnUrl: 'http://localhost:8788/' } }),
      );
    } finally {
      thaw();
    }
    expect(during === 'no answer' ? during : during.status).toBe(503);
    await waitUntilReady();
    const retried = await h.api('/api/bookings/create', {
      token,
      body: { courseId: 'intro-ts', returnUrl: 'http://localhost:8788/' },
    });
    expect([200, 201]).toContain(retried.status);
    const { bookings } = (await h.api('/api/bookings/user', { token })).body;
    expect(bookings).toHaveLength(1);
    const booking = (await h.stores.bookings.findByUserAndCourse(userId, 'intro-ts'))!;
    const res = await fetch(`${h.sandboxUrl}/sandbox/sessions?bookingId=${booking.id}`);
    expect(((await res.json()) as { sessions: unknown[] }).sessions).toHaveLength(1);
  });

  it('answers a webhook with 503 so that Stripe delivers it again, and applies the redelivery once', async () => {
    const b = await h.book(h.student().token);
    const event = stripeEvent('checkout.session.completed', sessionObject({ id: b.sessionId, bookingId: b.id }));
    freeze();
    let during;
    try {
      during = await within(15_000, h.deliver(event));
    } finally {
      thaw();
    }
    expect(during === 'no answer' ? during : during.status).toBeGreaterThanOrEqual(500);
    await waitUntilReady();
    // The stalled delivery may still hold the booking's lock (or have left it behind, if its
    // release was lost): until it frees itself, redeliveries are told to come back.
    const soon = await h.deliver(event);
    if (soon.status !== 200) expect(soon.body.error.code).toBe('booking_busy');
    aheadMs = 11_000;
    const later = await h.deliver(event);
    expect(later.status).toBe(200);
    expect((await h.deliver(event)).body.duplicate).toBe(true);
    const booking = await h.stored(b.id);
    expect(booking.paymentStatus).toBe('paid');
    expect(booking.history.filter((e) => e.status === 'paid')).toHaveLength(1);
  });
});
