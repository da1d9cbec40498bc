import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// The operator sends back part of a payment (an amount, a reason) or the rest. What went back is
// counted once, whichever of the console's answer and Stripe's `charge.refunded` comes first; a
// refund made in Stripe's Dashboard counts the same way; a student's cancellation and a console
// refund at once refund no more than was paid. The harness's course costs $49.00.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** What the sandbox (Stripe) has refunded of a booking's payment, in all: its last `charge.refunded`. */
async function stripeRefunded(bookingId: string): Promise<number> {
  const intent = (await h.stored(bookingId)).stripePaymentIntentId;
  const events = (await h.sentEvents()).filter(
    (e) => e.type === 'charge.refunded' && e.object.payment_intent === intent,
  );
  return Number(events.at(-1)?.object.amount_refunded ?? 0);
}

const refund = (id: string, body?: unknown) =>
  h.admin(`/bookings/${id}/refund`, body === undefined ? { method: 'POST' } : { body });

describe('a partial refund from the console', () => {
  it('sends back the amount asked, says why in the audit trail, and keeps the booking paid', async () => {
    const { id } = await h.paidBooking(h.student().token);
    const res = await refund(id, { amount: 1500, reason: 'Started late' });
    expect(res.status).toBe(202);
    expect(res.body.refund).toMatchObject({ amount: 1500, id: expect.stringMatching(/^re_/) });
    expect(res.body.booking).toMatchObject({
      paymentStatus: 'paid',
      amountRefunded: 1500,
      refundRequest: null,
      refunds: [{ amount: 1500, reason: 'Started late', by: 'api_key', byName: 'API key' }],
    });
    await h.webhooksSettled();
    expect(await stripeRefunded(id)).toBe(1500);
    const booking = (await h.admin(`/bookings/${id}`)).body;
    expect(booking).toMatchObject({ paymentStatus: 'paid', amountRefunded: 1500 });
    // Stripe's event is one step in the history, with its amount.
    expect(booking.history.at(-1)).toMatchObject({ status: 'paid', type: 'charge.refunded', amount: 1500 });
    const audit = await h.admin('/audit?limit=1');
    expect(audit.body.entries[0]).toMatchObject({
      action: 'booking.refund',
      target: { id },
      after: { amount: 1500, reason: 'Started late' },
    });
  });

  it('refuses more than is left (409 not_refundable) and an amount that is not a positive whole number (400)', async () => {
    const { id } = await h.paidBooking(h.student().token);
    expect((await refund(id, { amount: 4000 })).status).toBe(202);
    const tooMuch = await refund(id, { amount: 1000 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'not_refundable', message: expect.stringContaining('900') });
    for (const amount of [0, -5, 12.5, '100']) {
      const bad = await refund(id, { amount });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toHaveProperty('amount');
    }
    await h.webhooksSettled();
    expect(await stripeRefunded(id)).toBe(4000);
  });

  it('sends back the rest after parts: the booking ends refunded, its total exactly what was paid', async () => {
    const { id } = await h.paidBooking(h.student().token);
    await refund(id, { amount: 1000 });
    await refund(id, { amount: 900 });
    const rest = await refund(id);
    expect(rest.body.refund.amount).toBe(3000);
    await h.waitForStatus(id, 'refunded');
    await h.webhooksSettled();
    expect(await stripeRefunded(id)).toBe(4900);
    const booking = await h.stored(id);
    expect(booking.amountRefunded).toBe(4900);
    expect(booking.history.reduce((sum, entry) => sum + (entry.amount ?? 0), 0)).toBe(4900);
    expect((await refund(id)).body.error.code).toBe('not_refundable');
  });

  it('counts a refund once whichever comes first, the console’s answer or Stripe’s webhook', async () => {
    const { id } = await h.paidBooking(h.student().token);
    // The console's answer first, the webhook held back and delivered after.
    await h.withWebhooksHeld(async () => {
      await refund(id, { amount: 1200 });
      expect((await h.stored(id)).amountRefunded).toBe(1200);
    });
    await h.webhooksSettled();
    expect((await h.stored(id)).amountRefunded).toBe(1200);
    // Two refunds asked at once take turns: each sees what the other sent back.
    const both = await Promise.all([refund(id, { amount: 1000 }), refund(id, { amount: 1000 })]);
    expect(both.map((r) => r.status)).toEqual([202, 202]);
    await h.webhooksSettled();
    expect(await stripeRefunded(id)).toBe(3200);
    expect((await h.stored(id)).amountRefunded).toBe(3200);
  });

  it('records a refund made in Stripe’s Dashboard the same way, and refunds only the rest after it', async () => {
    const { id, sessionId } = await h.paidBooking(h.student().token);
    await h.operator(`/sessions/${sessionId}/refund`, { amount: 2000 });
    await h.webhooksSettled();
    expect((await h.admin(`/bookings/${id}`)).body).toMatchObject({ paymentStatus: 'paid', amountRefunded: 2000 });
    expect((await refund(id)).body.refund.amount).toBe(2900);
    await h.waitForStatus(id, 'refunded');
    expect(await stripeRefunded(id)).toBe(4900);
  });
});

describe("a student's cancellation and a console refund at once", () => {
  it('refund no more than was paid, and the booking says exactly what went back', async () => {
    await h.catalog.put('half-back', {
      title: 'Half back',
      description: '',
      price: 4900,
      currency: 'usd',
      active: true,
      cancellationPolicy: { windows: [{ daysAfterPurchase: 14, refundPercent: 50 }] },
    });
    for (let round = 0; round < 3; round += 1) {
      const student = h.student();
      const booked = await h.api('/api/bookings/create', {
        token: student.token,
        body: { courseId: 'half-back', returnUrl, mode: 'redirect' },
      });
      const id = booked.body.booking.id as string;
      await h.payPage(booked.body.booking.stripeSessionId, 'pay');
      await h.waitForStatus(id, 'paid');
      const [cancel, console] = await Promise.all([
        h.api(`/api/bookings/${id}/cancel`, { token: student.token, method: 'POST' }),
        refund(id, { amount: 3000, reason: 'Goodwill' }),
      ]);
      expect(cancel.status).toBe(200);
      await h.webhooksSettled();
      const booking = await h.stored(id);
      expect(booking.paymentStatus).toBe('cancelled');
      // They took turns. The console first: $30 back, then the policy's half ($24.50) capped at the $19 left.
      // The cancellation first: $24.50 back, and the console's $30 is more than the $24.50 left (409).
      let total: number;
      if (console.status === 202) {
        expect(cancel.body.refund.amount).toBe(1900);
        total = 4900;
      } else {
        expect(console.body.error.code).toBe('not_refundable');
        expect(cancel.body.refund.amount).toBe(2450);
        total = 2450;
      }
      expect(await stripeRefunded(id)).toBe(total);
      expect(booking.amountRefunded).toBe(total);
    }
  });
});
