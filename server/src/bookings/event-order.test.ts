import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, stripeEvent, type Harness } from '../../../test/support/booking-harness.js';
import { journeys } from '../../../test/support/journeys.js';

// Stripe does not order its deliveries. Whatever order a journey's events arrive in, and however
// often Stripe has to deliver one again, the booking ends where the causal order leaves it.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.operator('/webhooks', { enabled: false });
});
afterAll(() => h.close());

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Delivers events in the given order, then again each one that was answered 5xx, as Stripe does. */
async function deliverAll(events: Array<ReturnType<typeof stripeEvent>>) {
  let due = events;
  for (let round = 0; round < 5 && due.length > 0; round += 1) {
    const retry = [];
    for (const event of due) {
      const res = await h.deliver(event);
      if (res.status >= 500) retry.push(event);
      else expect(res.status).toBe(200);
    }
    due = retry;
  }
  expect(due).toEqual([]);
}

describe('the final state is a function of the set of events, not their order', () => {
  for (const { name: journey, events: makes, expected, refunded } of journeys) {
    const orders = permutations(makes.map((make, i) => ({ make, i })));
    it.each(orders.map((order) => [order.map((o) => o.i).join(' '), order] as const))(
      `${journey}: order %s ends ${expected}`,
      async (_, order) => {
        const b = await h.book(h.student().token);
        const ids = { bookingId: b.id, sessionId: b.sessionId, paymentIntent: `pi_${randomBytes(8).toString('hex')}` };
        const events = order.map(({ make }) => make(ids));
        await deliverAll(events);
        // And once more, all of them: repeated deliveries change nothing.
        await deliverAll(events);
        const booking = await h.stored(b.id);
        expect(booking.paymentStatus).toBe(expected);
        // What went back is Stripe's total, counted once: the steps' own amounts add up to it.
        if (refunded !== undefined) {
          expect(booking.amountRefunded).toBe(refunded);
          expect(booking.history.reduce((sum, entry) => sum + (entry.amount ?? 0), 0)).toBe(refunded);
        }
        const eventIds = booking.history.map((e) => e.eventId);
        expect(new Set(eventIds).size).toBe(eventIds.length);
      },
    );
  }
});
