import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionObject, startHarness, stripeEvent, type Harness } from '../../../test/support/booking-harness.js';

let h: Harness;
let main: ReturnType<Harness['reconciler']>;
beforeAll(async () => {
  h = await startHarness();
  main = h.reconciler({ keepEventsMs: 60_000 });
});
afterAll(() => h.close());

const runAt = (ms: number, instance = main) => h.reconcileAt(ms, instance);
const withoutWebhooks = (work: () => Promise<void>) => h.withWebhooksHeld(work);

describe('the reconciler', () => {
  it('expires a booking whose checkout ran out, when no webhook came', async () => {
    const { token } = h.student();
    const { id } = await h.book(token);
    await withoutWebhooks(async () => {
      const report = await runAt(31 * 60_000);
      expect(report.ran).toBe(true);
      expect((await h.stored(id)).paymentStatus).toBe('expired');
    });
    // The expired event arrives afterwards and changes nothing.
    expect((await h.stored(id)).history.map((e) => e.status)).toEqual(['pending', 'expired']);
  });

  it('settles a payment whose webhook never arrived', async () => {
    const { token } = h.student();
    const { id, sessionId } = await h.book(token);
    await withoutWebhooks(async () => {
      await h.payPage(sessionId, 'pay');
      expect((await runAt(31 * 60_000)).ran).toBe(true);
      expect((await h.stored(id)).paymentStatus).toBe('paid');
    });
  });

  it('leaves a booking whose checkout is still open alone', async () => {
    const { token } = h.student();
    const { id } = await h.book(token);
    expect((await runAt(0)).ran).toBe(true);
    expect((await h.stored(id)).paymentStatus).toBe('pending');
  });

  it('prunes old event records', async () => {
    const { token } = h.student();
    const { id, sessionId } = await h.book(token);
    const event = stripeEvent('checkout.session.completed', sessionObject({ id: sessionId, bookingId: id }));
    expect((await h.deliver(event)).status).toBe(200);
    const report = await runAt(10 * 60_000);
    expect(report.pruned).toBeGreaterThan(0);
    expect(await h.eventLog(event.id)).toBeNull();
  });
});

describe('late payment after expiry', () => {
  it('is paid when the completed event arrives after the booking expired', async () => {
    const { token } = h.student();
    const { id, sessionId } = await h.book(token);
    await withoutWebhooks(async () => {
      await h.payPage(sessionId, 'pay');
      const expired = stripeEvent(
        'checkout.session.expired',
        sessionObject({ id: sessionId, bookingId: id, status: 'expired', payment_status: 'unpaid' }),
      );
      expect((await h.deliver(expired)).status).toBe(200);
      expect((await h.stored(id)).paymentStatus).toBe('expired');
    });
    expect((await h.waitForStatus(id, 'paid')).history.map((e) => e.status)).toEqual(['pending', 'expired', 'paid']);
  });
});

describe('the reconciler lease', () => {
  it('runs on one instance at a time, and passes on when the holder stops or dies', async () => {
    const [first, second] = [h.reconciler(), h.reconciler()];
    try {
      expect((await first.runOnce()).ran).toBe(true);
      expect((await second.runOnce()).ran).toBe(false);
      expect((await first.runOnce()).ran).toBe(true);
      await first.release(); // the holder shut down
      expect((await second.runOnce()).ran).toBe(true);
      expect((await first.runOnce()).ran).toBe(false);
      // The holder died: its lease runs out after two intervals.
      expect((await runAt(3 * 60_000, first)).ran).toBe(true);
    } finally {
      await first.release();
      await second.release();
    }
  });
});
