import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// A student double-clicks, or has the course open in two tabs, one with the embedded checkout:
// creates race. Whatever wins, at most one Checkout Session of the booking can take money.
// The expired events of the replaced sessions arrive meanwhile, as they would from Stripe.
let h: Harness;
// The backend's log: a failure below quotes what it said of any 5xx (its cause, as the operator would see it).
const log: string[] = [];
beforeAll(async () => (h = await startHarness({ logLines: log })));
afterAll(() => h.close());

async function sessionsOf(bookingId: string) {
  const res = await fetch(`${h.sandboxUrl}/sandbox/sessions?bookingId=${bookingId}`);
  return ((await res.json()) as { sessions: Array<{ id: string; status: string }> }).sessions;
}

describe('POST /api/bookings/create racing itself', () => {
  it('leaves at most one open, payable session per booking, recorded as its own (10 runs of 8)', async () => {
    for (let run = 0; run < 10; run += 1) {
      const { token, userId } = h.student();
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          h.api('/api/bookings/create', {
            token,
            body: { courseId: 'intro-ts', returnUrl, mode: i % 2 === 0 ? 'redirect' : 'embedded' },
          }),
        ),
      );
      // What each request got, for the message of any failure below.
      const errorLines = log
        .splice(0)
        .filter((line) => line.includes('"level":"error"') || line.includes('"level":"warn"'));
      const got =
        JSON.stringify(answers.map((a) => [a.status, a.body.error?.code ?? a.body.booking?.stripeSessionId])) +
        (answers.some((a) => a.status >= 500) ? `\n${errorLines.join('\n')}` : '');
      expect(
        answers.some((a) => a.status === 201 || a.status === 200),
        got,
      ).toBe(true);
      const booking = (await h.stores.bookings.findByUserAndCourse(userId, 'intro-ts'))!;
      const open = (await sessionsOf(booking.id)).filter((s) => s.status === 'open');
      expect(open.length, `${got} open: ${JSON.stringify(open.map((o) => o.id))}`).toBeLessThanOrEqual(1);
      // The open one is recorded as this booking's: a payment on it counts. (On MongoDB it is also the
      // booking's current session; FerretDB 1.x may lose a concurrent write to the booking, never the record.)
      for (const session of open)
        expect((await h.stores.bookings.findBySession(session.id))?.booking.id).toBe(booking.id);
      for (const answer of answers.filter((a) => a.status >= 300)) expect(answer.status, got).toBe(409);
    }
  }, 60_000);
});
