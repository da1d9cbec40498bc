import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { poll } from '../../../test/support/poll.js';
import { createCatalog } from '../courses/catalog.js';
import { returnTickets } from './return-ticket.js';
import { createBookingService } from './booking-service.js';

// The money paths that are rare in a browser and must still hold.
let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

const create = (token: string, mode: 'redirect' | 'embedded' = 'redirect') =>
  h.api('/api/bookings/create', { token, body: { courseId: 'intro-ts', returnUrl, mode } });

describe('POST /api/bookings/create on the rarer paths', () => {
  it('answers 409 payment_processing while a delayed payment settles, and charges nothing more', async () => {
    const { token } = h.student();
    const { id, sessionId } = await h.book(token);
    await h.payPage(sessionId, 'delayed');
    await h.waitForStatus(id, 'processing');
    const again = await create(token);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('payment_processing');
    expect(again.body.error.booking).toMatchObject({ id, paymentStatus: 'processing' });
  });

  it('settles a session that was paid while a switch of mode was closing it, and answers already_booked', async () => {
    const { token } = h.student();
    const { id, sessionId } = await h.book(token, 'intro-ts', 'redirect');
    const answer = await h.withWebhooksHeld(async () => {
      await h.payPage(sessionId, 'pay');
      return create(token, 'embedded');
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('already_booked');
    expect((await h.stored(id)).paymentStatus).toBe('paid');
  });

  it('answers 400 embedded_unavailable when the server has no publishable key', async () => {
    const plain = await startHarness({ publishableKey: null });
    try {
      const res = await plain.api('/api/bookings/create', {
        token: plain.student().token,
        body: { courseId: 'intro-ts', returnUrl, mode: 'embedded' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('embedded_unavailable');
    } finally {
      await plain.close();
    }
  });

  it('answers 409 conflict when every round loses its race', async () => {
    // A store on which every read and insert loses to another request, round after round.
    const losing = { ...h.stores.bookings, findByUserAndCourse: async () => null, insert: async () => null };
    const service = createBookingService({
      bookings: losing,
      events: h.stores.events,
      locks: h.stores.locks,
      seats: h.stores.seats,
      sessions: h.stores.sessions,
      waitlist: h.stores.waitlist,
      outbox: h.stores.outbox,
      catalog: createCatalog(h.stores.courses, { cacheMs: 0 }),
      gateway: h.payments.gateway,
      allowedOrigins: ['http://localhost:8788'],
      tickets: returnTickets('t'.repeat(32)),
    });
    await expect(
      service.create({ userId: 'user_racing', courseId: 'intro-ts', returnUrl, mode: 'redirect' }),
    ).rejects.toMatchObject({ status: 409, code: 'conflict' });
  });
});

describe('the reconciler on the rarer paths', () => {
  it('expires a booking whose checkout never got a session (Stripe failed at create), once it would have expired', async () => {
    const { token, userId } = h.student();
    await h.operator('/faults', { fault: 'down' });
    const failed = await create(token).finally(() => h.operator('/faults', { fault: null }));
    expect(failed.status).toBe(503);
    const { id } = (await h.stores.bookings.findByUserAndCourse(userId, 'intro-ts'))!;
    expect((await h.stored(id)).stripeSessionId).toBeNull();
    expect((await h.reconcileAt(31 * 60_000)).repaired).toBeGreaterThanOrEqual(1);
    const expired = await h.stored(id);
    expect(expired.paymentStatus).toBe('expired');
    expect(expired.history.at(-1)).toMatchObject({ status: 'expired', type: 'reconcile.no_session' });
  });
});

describe('the catalog', () => {
  const setPrice = (price: number) =>
    h.catalog.put('intro-ts', { title: 'Intro to TypeScript', description: '', price, currency: 'usd', active: true });

  it('serves a stale price at once while one refresh runs, then the fresh one', async () => {
    let clock = 0;
    let reads = 0;
    const store = {
      ...h.stores.courses,
      find: async (id: string) => {
        reads += 1;
        return h.stores.courses.find(id);
      },
    };
    const catalog = createCatalog(store, { cacheMs: 1_000, now: () => clock });
    expect((await catalog.get('intro-ts'))!.course.price).toBe(4900);
    await setPrice(5900);
    clock = 1_500; // expired, within the stale limit
    const [a, b] = await Promise.all([catalog.get('intro-ts'), catalog.get('intro-ts')]);
    expect([a!.course.price, b!.course.price]).toEqual([4900, 4900]);
    // One refresh ran in the background for both, and its answer is served from then on.
    await poll(async () => (catalog.peek('intro-ts')?.course.price === 5900 ? true : undefined), 'the refresh');
    expect(reads).toBe(2);
    expect((await catalog.get('intro-ts'))!.course.price).toBe(5900);
    await setPrice(4900);
  });
});
