import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionObject, startHarness, stripeEvent, type Harness } from '../../../test/support/booking-harness.js';

// Only what this backend created moves a booking: a Payment Link, a pricing table or a Buy Button
// on the same Stripe account lets the customer choose `client_reference_id`, and anyone with the
// account can put any metadata on their own sessions.
let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

async function pendingBooking() {
  return h.book(h.student().token);
}

/** Delivers our own events only: the sandbox's are held and never sent. */
const quietly = <T>(work: () => Promise<T>) => h.withWebhooksHeld(work, { thenDeliver: false });

describe('a Checkout Session this backend did not create', () => {
  it('leaves the booking pending when a 1-cent session names it by client_reference_id and is paid', async () => {
    const { token } = h.student();
    const b = await h.book(token);
    const foreign = await h.foreignSession({ client_reference_id: b.id });
    await h.payPage(foreign.id, 'pay');
    const events = await h.webhooksSettled();
    const completed = events.find((e) => e.type === 'checkout.session.completed' && e.object.id === foreign.id);
    expect(completed).toBeDefined();
    const booking = await h.stored(b.id);
    expect(booking.paymentStatus).toBe('pending');
    expect(booking.history.map((e) => e.status)).toEqual(['pending']);
    expect(await h.eventLog(completed!.id)).toMatchObject({ outcome: 'ignored', reason: 'foreign_session' });
    // Booking again hands out the real checkout, not 409 already_booked.
    const again = await h.book(token);
    expect(again.res.status).toBe(200);
    expect(again.sessionId).toBe(b.sessionId);
  });

  it('leaves the booking pending when a session we did not create forges metadata.bookingId', async () => {
    const b = await pendingBooking();
    const foreign = await h.foreignSession({ 'metadata[bookingId]': b.id, client_reference_id: b.id });
    await h.payPage(foreign.id, 'pay');
    await h.webhooksSettled();
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
  });

  it('leaves the booking pending when sync is handed nothing but its own session', async () => {
    const { token } = h.student();
    const b = await h.book(token);
    await h.payPage((await h.foreignSession({ client_reference_id: b.id })).id, 'pay');
    await h.webhooksSettled();
    const synced = await h.api(`/api/bookings/${b.id}/sync`, { token, method: 'POST' });
    expect(synced.body.paymentStatus).toBe('pending');
  });
});

describe('a session of ours that charges something else', () => {
  it('ignores a completed session whose amount is not what the attempt charged', async () => {
    const b = await pendingBooking();
    const event = stripeEvent(
      'checkout.session.completed',
      sessionObject({ id: b.sessionId, bookingId: b.id, amount_subtotal: 1 }),
    );
    expect((await quietly(() => h.deliver(event))).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
    expect(await h.eventLog(event.id)).toMatchObject({
      outcome: 'ignored',
      reason: 'amount_mismatch',
      bookingId: b.id,
    });
  });

  it('ignores a completed session whose currency is not what the attempt charged', async () => {
    const b = await pendingBooking();
    const event = stripeEvent(
      'checkout.session.completed',
      sessionObject({ id: b.sessionId, bookingId: b.id, currency: 'jpy' }),
    );
    expect((await quietly(() => h.deliver(event))).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
  });
});

describe('charges, refunds and disputes', () => {
  const refundOf = (paymentIntent: string, bookingId: string) =>
    stripeEvent('charge.refunded', {
      object: 'charge',
      id: `ch_${paymentIntent}`,
      amount: 4900,
      amount_refunded: 4900,
      refunded: true,
      payment_intent: paymentIntent,
      metadata: { bookingId },
    });

  it('ignores the refund of a payment intent that none of our sessions created', async () => {
    const b = await h.paidBooking(h.student().token);
    const event = refundOf('pi_someone_elses', b.id);
    expect((await quietly(() => h.deliver(event))).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('paid');
    // Kept in case its payment is one of ours still on its way; a foreign one never links to a booking.
    expect(await h.eventLog(event.id)).toMatchObject({ outcome: 'parked', reason: 'unknown_payment_intent' });
  });

  it('ignores a dispute of a payment intent that none of our sessions created', async () => {
    const b = await h.paidBooking(h.student().token);
    const event = stripeEvent('charge.dispute.created', {
      object: 'dispute',
      id: 'dp_foreign',
      payment_intent: 'pi_someone_elses',
      status: 'needs_response',
    });
    expect((await quietly(() => h.deliver(event))).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('paid');
  });

  it('applies the refund of a payment intent that our session created', async () => {
    const b = await h.paidBooking(h.student().token);
    const paymentIntent = (await h.stored(b.id)).stripePaymentIntentId!;
    expect((await quietly(() => h.deliver(refundOf(paymentIntent, b.id)))).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('refunded');
  });
});

describe('a late payment of an earlier attempt', () => {
  it('still makes the booking paid', async () => {
    const { token } = h.student();
    const first = await h.book(token);
    await quietly(async () => {
      const expired = stripeEvent(
        'checkout.session.expired',
        sessionObject({ id: first.sessionId, bookingId: first.id, status: 'expired', payment_status: 'unpaid' }),
      );
      await h.deliver(expired);
      expect((await h.stored(first.id)).paymentStatus).toBe('expired');
      const second = await h.book(token);
      expect(second.sessionId).not.toBe(first.sessionId);
      const late = stripeEvent(
        'checkout.session.completed',
        sessionObject({ id: first.sessionId, bookingId: first.id, payment_intent: 'pi_late' }),
      );
      expect((await h.deliver(late)).status).toBe(200);
    });
    const booking = await h.stored(first.id);
    expect(booking.paymentStatus).toBe('paid');
    expect((await h.stores.bookings.findBySession(first.sessionId))!.booking.id).toBe(first.id);
  });
});
