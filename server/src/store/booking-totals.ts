import type { Collection, Db, Document, Filter } from 'mongodb';
import type { PaymentStatus } from '../bookings/booking.js';

/** Bookings per status, and what was paid per currency. */
export interface BookingTotals {
  byStatus: Partial<Record<PaymentStatus, number>>;
  revenue: Record<string, number>;
}

/** One row of the single grouping: a status and currency with its count and paid sum. */
export interface TotalsRow {
  _id: { status: PaymentStatus; currency: string };
  count: number;
  paid: number;
}

/**
 * Whether the server computes every accumulator of a `$group`: genuine MongoDB does, FerretDB 1.24
 * computes only the first (asked once per process, from `buildInfo`).
 */
export function groupsFully(db: Db): () => Promise<boolean> {
  let answer: Promise<boolean> | undefined;
  return () => {
    answer ??= db
      .admin()
      .command({ buildInfo: 1 })
      .then((build) => typeof build.ferretdbVersion !== 'string')
      .catch((error: unknown) => {
        answer = undefined;
        throw error;
      });
    return answer;
  };
}

/** Folds the single grouping's rows into totals: every status counted, only `paid` as revenue. */
export function foldTotals(rows: TotalsRow[]): BookingTotals {
  const totals: BookingTotals = { byStatus: {}, revenue: {} };
  for (const { _id, count, paid } of rows) {
    totals.byStatus[_id.status] = (totals.byStatus[_id.status] ?? 0) + count;
    if (_id.status === 'paid') totals.revenue[_id.currency] = (totals.revenue[_id.currency] ?? 0) + paid;
  }
  return totals;
}

/**
 * Totals of the bookings `match` selects. With no filter, the grouping walks `status_newest` in
 * order instead of scanning the collection. On MongoDB one `$group` carries both accumulators; on
 * FerretDB 1.24, which computes only the first, counts and revenue are two groupings.
 */
export async function bookingTotals<T extends Document>(
  bookings: Collection<T>,
  match: Filter<T>,
  options: { oneGroup: boolean; revenueWanted: boolean },
): Promise<BookingTotals> {
  const first = Object.keys(match).length > 0 ? { $match: match } : { $sort: { paymentStatus: 1 } };
  if (options.oneGroup) {
    const rows = await bookings
      .aggregate<TotalsRow>([
        first,
        {
          $group: {
            _id: { status: '$paymentStatus', currency: '$currency' },
            count: { $sum: 1 },
            paid: { $sum: '$amountPaid' },
          },
        },
      ])
      .toArray();
    return foldTotals(rows);
  }
  const [counts, paid] = await Promise.all([
    bookings
      .aggregate<{ _id: PaymentStatus; count: number }>([
        first,
        { $group: { _id: '$paymentStatus', count: { $sum: 1 } } },
      ])
      .toArray(),
    options.revenueWanted
      ? bookings
          .aggregate<{ _id: string; paid: number }>([
            { $match: { ...match, paymentStatus: 'paid' } },
            { $group: { _id: '$currency', paid: { $sum: '$amountPaid' } } },
          ])
          .toArray()
      : [],
  ]);
  return {
    byStatus: Object.fromEntries(counts.map(({ _id, count }) => [_id, count])),
    revenue: Object.fromEntries(paid.map(({ _id, paid }) => [_id, paid])),
  };
}
