import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { bookingTotals, foldTotals, groupsFully } from './booking-totals.js';

// The console's totals: every status counted, revenue only from paid bookings, per currency; one
// grouping where the server computes every accumulator, two where it computes only the first.
let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

describe('foldTotals', () => {
  it('adds each status across currencies and counts revenue only from paid rows', () => {
    expect(
      foldTotals([
        { _id: { status: 'paid', currency: 'eur' }, count: 2, paid: 9800 },
        { _id: { status: 'paid', currency: 'jpy' }, count: 1, paid: 12000 },
        { _id: { status: 'pending', currency: 'eur' }, count: 3, paid: 0 },
        { _id: { status: 'refunded', currency: 'eur' }, count: 1, paid: 4900 },
        { _id: { status: 'pending', currency: 'jpy' }, count: 1, paid: 0 },
      ]),
    ).toEqual({ byStatus: { paid: 3, pending: 4, refunded: 1 }, revenue: { eur: 9800, jpy: 12000 } });
  });
});

describe('bookingTotals', () => {
  // This file's own database: its bookings collection (with the declared indexes) holds only these.
  const collection = () =>
    h.db.collection<{ _id: string; paymentStatus: string; currency: string; amountPaid?: number }>('bookings');
  beforeAll(async () => {
    await collection().insertMany([
      { _id: 'bk_t1', paymentStatus: 'paid', currency: 'eur', amountPaid: 4900 },
      { _id: 'bk_t2', paymentStatus: 'paid', currency: 'eur', amountPaid: 3900 },
      { _id: 'bk_t3', paymentStatus: 'paid', currency: 'jpy', amountPaid: 12000 },
      { _id: 'bk_t4', paymentStatus: 'pending', currency: 'eur' },
      { _id: 'bk_t5', paymentStatus: 'refunded', currency: 'eur', amountPaid: 4900 },
    ]);
  });
  const expected = { byStatus: { paid: 3, pending: 1, refunded: 1 }, revenue: { eur: 8800, jpy: 12000 } };

  it('knows whether this server computes every accumulator (FerretDB does not)', async () => {
    const build = await h.db.admin().command({ buildInfo: 1 });
    expect(await groupsFully(h.db)()).toBe(typeof build.ferretdbVersion !== 'string');
  });

  it('gives the same totals in the form this server computes correctly', async () => {
    const oneGroup = await groupsFully(h.db)();
    expect(await bookingTotals(collection(), {}, { oneGroup, revenueWanted: true })).toEqual(expected);
  });

  it('leaves revenue out when the filter cannot match a paid booking', async () => {
    const oneGroup = await groupsFully(h.db)();
    const pending = await bookingTotals(collection(), { paymentStatus: 'pending' }, { oneGroup, revenueWanted: false });
    expect(pending).toEqual({ byStatus: { pending: 1 }, revenue: {} });
  });
});
