import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/booking-harness.js';
import type { BookingRecord } from '../bookings/booking.js';
import { compareIndexes } from './indexes.js';

// The booking lists: newest first, a page at a time by cursor (no skip), stable while bookings
// arrive; and every list query has an index for its filter and its sort.
let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

const adminKey = 'a'.repeat(32);

/** Stores `n` bookings of one student directly, `sameTime` of them at one instant (ties broken by id). */
async function seed(userId: string, template: BookingRecord, n: number, base: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const at = new Date(base + (i < 3 ? 0 : i) * 1_000); // the first three share one createdAt
    const id = `bk_list_${userId}_${String(i).padStart(3, '0')}`;
    await h.stores.bookings.insert({
      ...template,
      id,
      userId,
      courseId: `list-course-${i}`,
      createdAt: at,
      updatedAt: at,
    });
    ids.push(id);
  }
  return ids;
}

async function allPages(
  read: (cursor?: string) => Promise<{ ids: string[]; next: string | null }>,
  during?: () => Promise<void>,
) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages += 1) {
    const { ids, next } = await read(cursor);
    seen.push(...ids);
    if (!next) return seen;
    await during?.();
    cursor = next;
  }
  throw new Error('too many pages');
}

describe('the student list', () => {
  it('pages newest first by cursor, with ties in a stable order, unchanged by bookings that arrive meanwhile', async () => {
    const { userId, token } = h.student();
    const template = await h.stored((await h.book(token, 'intro-ts')).id);
    const ids = await seed(userId, template, 24, Date.now() - 3_600_000);
    const expected = [template.id, ...[...ids].reverse().slice(0, 21), ...ids.slice(0, 3).reverse()];
    let arrivals = 0;
    const seen = await allPages(
      async (cursor) => {
        const res = await h.api(`/api/bookings/user?limit=7${cursor ? `&cursor=${cursor}` : ''}`, { token });
        expect(res.status).toBe(200);
        return { ids: res.body.bookings.map((b: { id: string }) => b.id), next: res.body.next };
      },
      // A booking arrives between pages: it sorts before the first page, so no page shifts.
      async () => {
        arrivals += 1;
        await h.book(h.student().token, 'tokyo-walk'); // another student's: not in this list
        if (arrivals === 2) await h.book(token, 'tokyo-walk'); // the student's own, newest: before the first page
      },
    );
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a cursor it did not make', async () => {
    const { token } = h.student();
    const res = await h.api('/api/bookings/user?cursor=not-a-cursor', { token });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('cursor');
  });
});

describe('the admin list', () => {
  it('pages every booking newest first, filtered by status, with the cursor of the next page', async () => {
    const { userId, token } = h.student();
    const template = await h.stored((await h.book(token, 'intro-ts')).id);
    await seed(userId, { ...template, paymentStatus: 'refunded' }, 12, Date.now() - 7_200_000);
    const seen = await allPages(async (cursor) => {
      const res = await fetch(
        `${h.appUrl}/api/admin/bookings?status=refunded&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        {
          headers: { authorization: `Bearer ${adminKey}` },
        },
      );
      const body = (await res.json()) as {
        bookings: Array<{ id: string; paymentStatus: string }>;
        next: string | null;
      };
      expect(body.bookings.every((b) => b.paymentStatus === 'refunded')).toBe(true);
      return { ids: body.bookings.map((b) => b.id), next: body.next };
    });
    expect(seen.filter((id) => id.startsWith(`bk_list_${userId}`))).toHaveLength(12);
  });
});

describe('indexes', () => {
  // Which index serves which query is proven for every query the suite sends (index-use.test.ts).
  it('are on the database exactly as the stores declare them, after the migrations', async () => {
    expect(await compareIndexes(h.db)).toEqual({ missing: [], conflicting: [], retired: [] });
    const seats = (await h.db.collection('seats').listIndexes().toArray()).map((index) => index.name);
    expect(seats).toEqual(expect.arrayContaining(['one_seat_per_booking_place', 'by_course', 'lapsed']));
  });
});
