import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../sandbox/webhook-sender.js';
import { sessionObject, startHarness, stripeEvent, type Harness } from '../../../test/support/booking-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // These tests deliver their own events; the sandbox's would race them.
  await h.operator('/webhooks', { enabled: false });
});
afterAll(() => h.close());

async function pendingBooking() {
  const { token } = h.student();
  return h.book(token);
}

const completed = (b: { id: string; sessionId: string }, id?: string) =>
  stripeEvent(
    'checkout.session.completed',
    sessionObject({ id: b.sessionId, bookingId: b.id, payment_intent: 'pi_test_1' }),
    id,
  );

describe('POST /api/stripe/webhooks signature', () => {
  it('refuses a wrong signature with 400 invalid_signature', async () => {
    const event = completed(await pendingBooking());
    const res = await h.deliver(event, signPayload(JSON.stringify(event), 'whsec_not_the_secret'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_signature');
  });

  it('refuses a signature older than 300 seconds', async () => {
    const b = await pendingBooking();
    const payload = JSON.stringify(completed(b));
    const res = await h.deliver(payload, signPayload(payload, h.webhookSecret, Math.floor(Date.now() / 1000) - 301));
    expect(res.status).toBe(400);
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
  });

  it('refuses a body changed after signing', async () => {
    const b = await pendingBooking();
    const payload = JSON.stringify(completed(b));
    const tampered = payload.replace('"paid"', '"unpaid"');
    const res = await h.deliver(tampered, signPayload(payload, h.webhookSecret));
    expect(res.status).toBe(400);
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
  });

  it('refuses a delivery without a signature header', async () => {
    const res = await fetch(`${h.appUrl}/api/stripe/webhooks`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(400);
  });
});

describe('POST /api/stripe/webhooks delivery', () => {
  it('applies an event delivered 10 times in a row once', async () => {
    const b = await pendingBooking();
    const event = completed(b);
    for (let i = 0; i < 10; i += 1) expect((await h.deliver(event)).status).toBe(200);
    const booking = await h.stored(b.id);
    expect(booking.paymentStatus).toBe('paid');
    expect(booking.history.map((e) => e.status)).toEqual(['pending', 'paid']);
  });

  it('applies an event delivered 10 times at once once, answering each delivery after the move is stored', async () => {
    const b = await pendingBooking();
    const event = completed(b);
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.deliver(event)));
    // They take turns on the booking's lock: the first applies it, the others find it applied.
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1);
    expect(answers.filter((a) => a.body.duplicate)).toHaveLength(9);
    expect((await h.deliver(event)).body).toMatchObject({ received: true, duplicate: true });
    expect((await h.stored(b.id)).history.map((e) => e.status)).toEqual(['pending', 'paid']);
    expect(await h.eventLog(event.id)).toMatchObject({ state: 'done', outcome: 'applied', duplicates: 10 });
  });

  it('answers a delivery only once the booking is free: while another holds it, the delivery waits', async () => {
    const b = await pendingBooking();
    const event = completed(b);
    // Another event of the booking is being applied (its lock held for 300 ms).
    expect(await h.stores.locks.acquire(`booking:${b.id}`, 'another', new Date(), 10_000)).toBe(true);
    const delivered = h.deliver(event);
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
    await h.stores.locks.release(`booking:${b.id}`, 'another');
    expect((await delivered).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('paid');
  });

  it('applies at once an event whose earlier delivery died before recording it, or left a claim (an earlier build)', async () => {
    const b = await pendingBooking();
    const event = completed(b);
    // What an earlier build wrote before applying; its holder died.
    await h.db.collection<{ _id: string }>('stripe_events').insertOne({
      _id: event.id,
      type: event.type,
      state: 'processing',
      receivedAt: new Date(),
      claimedAt: new Date(),
      bookingId: null,
    } as never);
    const res = await h.deliver(event);
    expect(res.status).toBe(200);
    expect(res.body.duplicate).toBeUndefined();
    expect((await h.stored(b.id)).paymentStatus).toBe('paid');
    expect(await h.eventLog(event.id)).toMatchObject({ state: 'done', outcome: 'applied', bookingId: b.id });
  });

  it('keeps a booking paid when expired arrives after paid', async () => {
    const b = await pendingBooking();
    await h.deliver(completed(b));
    const expired = stripeEvent(
      'checkout.session.expired',
      sessionObject({ id: b.sessionId, bookingId: b.id, status: 'expired', payment_status: 'unpaid' }),
    );
    expect((await h.deliver(expired)).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('paid');
  });

  it('pays an expired booking when completed arrives after expired', async () => {
    const b = await pendingBooking();
    const expired = stripeEvent(
      'checkout.session.expired',
      sessionObject({ id: b.sessionId, bookingId: b.id, status: 'expired', payment_status: 'unpaid' }),
    );
    await h.deliver(expired);
    expect((await h.stored(b.id)).paymentStatus).toBe('expired');
    await h.deliver(completed(b));
    expect((await h.stored(b.id)).history.map((e) => e.status)).toEqual(['pending', 'expired', 'paid']);
  });

  it('ignores the expiry of a session the booking has moved on from', async () => {
    const b = await pendingBooking();
    const old = stripeEvent(
      'checkout.session.expired',
      sessionObject({ id: 'cs_test_an_older_one', bookingId: b.id, status: 'expired' }),
    );
    expect((await h.deliver(old)).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
  });

  it('answers 503 for a session whose attempt is not recorded yet, and applies it once it is', async () => {
    const b = await pendingBooking();
    const booking = await h.stored(b.id);
    // The moment between Stripe creating a session and the booking recording it.
    await h.stores.bookings.transition({
      id: b.id,
      from: ['pending'],
      to: 'expired',
      entry: { status: 'expired', at: new Date(), eventId: `t_${b.id}`, type: 'test' },
    });
    const { checkout, checkoutExpiresAt, quantity, amount, currency, courseTitle, siteOrigin, reconcileAt } = booking;
    const attempt = {
      checkout,
      checkoutExpiresAt,
      quantity,
      amount,
      currency,
      courseTitle,
      siteOrigin,
      reconcileAt,
      reconcileChecks: 0,
    };
    const next = await h.stores.bookings.startAttempt(
      { id: b.id, attempt: booking.attempt, from: ['expired'] },
      { status: 'pending', at: new Date(), eventId: `t2_${b.id}`, type: 'test' },
      attempt,
    );
    const event = stripeEvent('checkout.session.completed', sessionObject({ id: 'cs_test_new_one', bookingId: b.id }));
    const res = await h.deliver(event);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('booking_unknown');
    // Logged as waiting for a retry, with why; a later delivery is processed, not taken for a duplicate.
    expect(await h.eventLog(event.id)).toMatchObject({ state: 'failed', outcome: 'retry', reason: 'booking_unknown' });
    await h.stores.bookings.recordSession({
      id: 'cs_test_new_one',
      bookingId: b.id,
      attempt: next!.attempt,
      amount: 4900,
      currency: 'usd',
    });
    expect((await h.deliver(event)).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('paid');
  });

  it('keeps a refund that arrives before its payment, and applies it once the booking is paid', async () => {
    const b = await pendingBooking();
    const refund = stripeEvent('charge.refunded', {
      object: 'charge',
      id: 'ch_early',
      amount: 4900,
      amount_refunded: 4900,
      refunded: true,
      payment_intent: 'pi_early_refund',
      metadata: { bookingId: b.id },
    });
    const early = await h.deliver(refund);
    expect(early.status).toBe(200);
    expect(early.body.outcome).toBe('parked');
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
    const paid = stripeEvent(
      'checkout.session.completed',
      sessionObject({ id: b.sessionId, bookingId: b.id, payment_intent: 'pi_early_refund' }),
    );
    expect((await h.deliver(paid)).status).toBe(200);
    expect((await h.stored(b.id)).history.map((e) => e.status)).toEqual(['pending', 'paid', 'refunded']);
    expect(await h.eventLog(refund.id)).toMatchObject({ state: 'done', outcome: 'applied' });
  });

  describe('a refund parked for its payment, when a process died between two steps', () => {
    const refundOf = (bookingId: string, paymentIntent: string) =>
      stripeEvent('charge.refunded', {
        object: 'charge',
        id: `ch_${paymentIntent}`,
        amount: 4900,
        amount_refunded: 4900,
        refunded: true,
        payment_intent: paymentIntent,
        metadata: { bookingId },
      });
    /**
     * What a completion that died leaves behind: the booking paid and linked, and its event done (it
     * died after recording itself) or still claimed by the dead process (it died before that).
     */
    async function completedThenDied(
      b: { id: string },
      paymentIntent: string,
      eventId?: string,
      recorded: 'done' | 'processing' = 'done',
    ) {
      const at = new Date();
      await h.db.collection<{ _id: string }>('bookings').updateOne({ _id: b.id }, {
        $set: { paymentStatus: 'paid', stripePaymentIntentId: paymentIntent },
        $push: {
          history: { status: 'paid', at, eventId: eventId ?? `evt_died_${b.id}`, type: 'checkout.session.completed' },
        },
      } as never);
      if (eventId)
        await h.db.collection<{ _id: string }>('stripe_events').insertOne({
          _id: eventId,
          type: 'checkout.session.completed',
          ...(recorded === 'done' ? { state: 'done', outcome: 'applied', bookingId: b.id } : { state: 'processing' }),
          receivedAt: at,
          // A dead holder's claim is older than the claim timeout.
          claimedAt: recorded === 'done' ? at : new Date(at.getTime() - 5 * 60_000),
        } as never);
    }

    it("is applied by the completion's redelivery, also when it waits for the payment rather than the booking", async () => {
      const b = await pendingBooking();
      const refund = refundOf(b.id, 'pi_died_after_apply');
      expect((await h.deliver(refund)).body.outcome).toBe('parked');
      const paid = stripeEvent(
        'checkout.session.completed',
        sessionObject({ id: b.sessionId, bookingId: b.id, payment_intent: 'pi_died_after_apply' }),
      );
      await completedThenDied(b, 'pi_died_after_apply', paid.id);
      expect((await h.deliver(paid)).body).toMatchObject({ received: true });
      expect((await h.stored(b.id)).paymentStatus).toBe('refunded');
    });

    it('is applied when the completion is taken over from a delivery that died before recording it', async () => {
      const b = await pendingBooking();
      const refund = refundOf(b.id, 'pi_died_before_record');
      expect((await h.deliver(refund)).body.outcome).toBe('parked');
      const paid = stripeEvent(
        'checkout.session.completed',
        sessionObject({ id: b.sessionId, bookingId: b.id, payment_intent: 'pi_died_before_record' }),
      );
      await completedThenDied(b, 'pi_died_before_record', paid.id, 'processing');
      expect((await h.deliver(paid)).status).toBe(200);
      expect((await h.stored(b.id)).paymentStatus).toBe('refunded');
      expect(await h.eventLog(paid.id)).toMatchObject({ state: 'done', reason: 'applied_before' });
    });

    it('is applied by its own redelivery once the payment got linked meanwhile', async () => {
      const b = await pendingBooking();
      const refund = refundOf(b.id, 'pi_died_before_look');
      expect((await h.deliver(refund)).body.outcome).toBe('parked');
      // The completion linked the payment; the refund's delivery died before it looked again.
      await completedThenDied(b, 'pi_died_before_look');
      expect((await h.stored(b.id)).paymentStatus).toBe('paid');
      expect((await h.deliver(refund)).status).toBe(200);
      expect((await h.stored(b.id)).paymentStatus).toBe('refunded');
      expect(await h.eventLog(refund.id)).toMatchObject({ state: 'done', outcome: 'applied' });
    });
  });

  it('acknowledges event types it does not handle', async () => {
    const res = await h.deliver(stripeEvent('customer.created', { object: 'customer', id: 'cus_1' }));
    expect(res.status).toBe(200);
    expect(res.body.received).toBe(true);
  });

  it('acknowledges a session that is not one of ours', async () => {
    const res = await h.deliver(
      stripeEvent('checkout.session.completed', sessionObject({ id: 'cs_other', bookingId: null })),
    );
    expect(res.status).toBe(200);
  });

  it('records a declined card on our own open checkout as routine, without changing the booking', async () => {
    const b = await pendingBooking();
    const failed = stripeEvent('payment_intent.payment_failed', {
      object: 'payment_intent',
      id: 'pi_declined',
      metadata: { bookingId: b.id },
    });
    expect((await h.deliver(failed)).status).toBe(200);
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
    expect(await h.eventLog(failed.id)).toMatchObject({ bookingId: b.id, reason: 'declined_in_checkout' });
    // Metadata naming no booking of ours: a payment this backend did not create.
    const stranger = stripeEvent('payment_intent.payment_failed', {
      object: 'payment_intent',
      id: 'pi_stranger',
      metadata: { bookingId: 'bk_nobody' },
    });
    expect((await h.deliver(stranger)).status).toBe(200);
    expect(await h.eventLog(stranger.id)).toMatchObject({ reason: 'foreign_payment_intent' });
  });
});

describe('POST /api/stripe/webhooks with a signed but malformed event', () => {
  type Made = { id: string; bookingId: string; sessionId: string };
  const malformed: Array<[string, (b: Made) => unknown]> = [
    ['data.object is null', () => ({ ...stripeEvent('checkout.session.completed', {}), data: { object: null } })],
    [
      'the session has no id',
      (b) => stripeEvent('checkout.session.completed', { ...sessionObject({ ...b, id: b.sessionId }), id: undefined }),
    ],
    [
      'the session id is an operator',
      (b) =>
        stripeEvent('checkout.session.completed', { ...sessionObject({ ...b, id: b.sessionId }), id: { $gt: '' } }),
    ],
    [
      'metadata.bookingId is an operator',
      (b) =>
        stripeEvent('checkout.session.completed', {
          ...sessionObject({ id: b.sessionId, bookingId: null }),
          metadata: { bookingId: { $gt: '' } },
        }),
    ],
    [
      'the payment intent is an operator',
      (b) =>
        stripeEvent('charge.refunded', {
          id: 'ch_1',
          amount: 4900,
          amount_refunded: 4900,
          refunded: true,
          payment_intent: { $ne: null },
          metadata: { bookingId: b.id },
        }),
    ],
    [
      'the amount is a string',
      (b) =>
        stripeEvent('checkout.session.completed', {
          ...sessionObject({ ...b, id: b.sessionId }),
          amount_subtotal: '4900',
        }),
    ],
    [
      'the event id is missing',
      (b) => ({
        ...stripeEvent('checkout.session.completed', sessionObject({ ...b, id: b.sessionId })),
        id: undefined,
      }),
    ],
    ['the body is an array', () => [1, 2]],
  ];

  it.each(malformed)('answers 400 invalid_event when %s, and changes nothing', async (_, make) => {
    const b = await pendingBooking();
    const unrelated = await pendingBooking();
    const res = await h.deliver(make({ id: b.id, bookingId: b.id, sessionId: b.sessionId }) as object);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_event');
    expect((await h.stored(b.id)).paymentStatus).toBe('pending');
    expect((await h.stored(unrelated.id)).paymentStatus).toBe('pending');
  });
});
