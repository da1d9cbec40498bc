import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/booking-harness.js';

// The reconciler as the safety net under lost webhooks: it must reach every stuck booking, early,
// fairly, and read what only the payment intent says. Webhooks are held throughout.
let h: Harness;
let main: ReturnType<Harness['reconciler']>;
/** 100 bookings; the fault campaign's 300 with LONG_TESTS=1 (FerretDB scans every query, so it takes a minute). */
const many = process.env.LONG_TESTS === '1' ? 300 : 100;
beforeAll(async () => {
  h = await startHarness();
  await h.operator('/webhooks', { enabled: false });
  main = h.reconciler();
});
afterAll(() => h.close());

/** Webhooks stay held in this file (see beforeAll): Stripe cannot reach us. */
const withoutWebhooks = (work: () => Promise<void>) => work();

describe('the reconciler reaches every booking', () => {
  const runAt = (ms: number, instance = main) => h.reconcileAt(ms, instance);

  it('settles a payment whose webhook was lost minutes after it, not only once the checkout expired', async () => {
    const { id, sessionId } = await h.book(h.student().token);
    await withoutWebhooks(async () => {
      await h.payPage(sessionId, 'pay');
      await runAt(3 * 60_000);
      expect((await h.stored(id)).paymentStatus).toBe('paid');
    });
  });

  it.each([
    ['failed', 'failed'],
    ['succeeded', 'paid'],
  ] as const)(
    'reads a delayed payment that %s from its payment intent (its session stays complete and unpaid)',
    async (outcome, expected) => {
      const { id, sessionId } = await h.book(h.student().token);
      await h.payPage(sessionId, 'delayed');
      await runAt(3 * 60_000);
      expect((await h.stored(id)).paymentStatus).toBe('processing');
      await h.operator(`/sessions/${sessionId}/settle`, { outcome });
      await runAt(60 * 60_000);
      expect((await h.stored(id)).paymentStatus).toBe(expected);
    },
  );

  it(`leaves every booking right after one run, with no webhooks at all (${many} bookings)`, async () => {
    await withoutWebhooks(async () => {
      const expected = new Map<string, string>();
      const start = async (i: number) => {
        const b = await h.book(h.student().token);
        const kind = i % 4;
        if (kind === 0) await h.payPage(b.sessionId, 'pay');
        if (kind === 2 || kind === 3) {
          await h.payPage(b.sessionId, 'delayed');
          await h.operator(`/sessions/${b.sessionId}/settle`, { outcome: kind === 2 ? 'succeeded' : 'failed' });
        }
        expected.set(b.id, ['paid', 'expired', 'paid', 'failed'][kind]!);
      };
      for (let i = 0; i < many; i += 10) await Promise.all(Array.from({ length: 10 }, (_, j) => start(i + j)));
      const report = await runAt(31 * 60_000);
      expect(report.failed).toBe(0);
      let right = 0;
      for (const [id, status] of expected) if ((await h.stored(id)).paymentStatus === status) right += 1;
      expect(right).toBe(many);
    });
  }, 180_000);

  it('does not let bookings it cannot settle starve older ones: every stuck booking is visited', async () => {
    const small = h.reconciler({ batch: 10 });
    await withoutWebhooks(async () => {
      const paid = [];
      for (let i = 0; i < 5; i += 1) {
        const b = await h.book(h.student().token);
        await h.payPage(b.sessionId, 'pay');
        paid.push(b.id);
      }
      // Newer bookings that stay processing whatever the reconciler asks.
      for (let i = 0; i < 25; i += 1) await h.payPage((await h.book(h.student().token)).sessionId, 'delayed');
      for (let run = 1; run <= 6; run += 1) await runAt(run * 40 * 60_000, small);
      for (const id of paid) expect((await h.stored(id)).paymentStatus).toBe('paid');
    });
  });
});
