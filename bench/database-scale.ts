// The store's queries as bookings accumulate, on the MongoDB-compatible server at argv[2], for
// bench/database.mjs: seeds bookings up to each size in argv[3] (comma-separated), then times each
// list and lookup the app makes (median of argv[4] runs) and prints one JSON line per size.
import { randomBytes } from 'node:crypto';
import { connectDatabase, createStores, migrate } from '../server/src/store/index.js';
import type { BookingRecord } from '../server/src/bookings/booking.js';
import { bookingRecord } from '../test/support/booking-record.js';

const uri = process.argv[2]!;
const sizes = (process.argv[3] ?? '1000,10000').split(',').map(Number);
const runs = Number(process.argv[4] ?? 3);
// Patient: at large sizes one query on FerretDB takes longer than the app's 5 s answer timeout.
const database = await connectDatabase(uri, `scale_${randomBytes(4).toString('hex')}`, {
  connectMs: 5_000,
  answerMs: 600_000,
});
await migrate(database.db);
const stores = createStores(database.db);
const statuses = ['paid', 'pending', 'expired', 'failed', 'refunded'] as const;

/** The i-th seeded booking: 5,000 students, a course per 5,000 bookings (one booking per student per course). */
function booking(i: number): BookingRecord {
  return bookingRecord(i, {
    userId: `user_${i % 5000}`,
    courseId: `course-${Math.floor(i / 5000)}`,
    paymentStatus: statuses[i % 5]!,
  });
}

/** The median time of `work` over `runs` runs, in ms. */
async function time(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

let have = 0;
for (const size of sizes) {
  const collection = database.db.collection('bookings');
  while (have < size) {
    const batch = [];
    for (let i = have; i < Math.min(size, have + 2000); i += 1) {
      const { id, ...rest } = booking(i);
      batch.push({ _id: id, ...rest });
    }
    await collection.insertMany(batch as never[]);
    have += batch.length;
  }
  let fresh = 0;
  const middle = String(Math.floor(have / 2)).padStart(7, '0');
  const result = {
    bookings: have,
    // What a create does with the database at the least: look for the student's booking, insert one.
    create: await time(async () => {
      const next = { ...booking(have), id: `bk_new_${have}_${fresh}`, userId: `new_${have}_${fresh++}` };
      await stores.bookings.findByUserAndCourse(next.userId, next.courseId);
      await stores.bookings.insert(next);
    }),
    byId: await time(() => stores.bookings.findById(`bk_${middle}`)),
    adminList: await time(() => stores.bookings.list({}, { limit: 50 })),
    adminByStatus: await time(() => stores.bookings.list({ status: 'paid' }, { limit: 50 })),
    studentList: await time(() => stores.bookings.listForUser('user_42', { limit: 50 })),
    reconcilerDue: await time(() =>
      stores.bookings.listDue(['pending', 'processing'], new Date(Date.UTC(2026, 0, 1, 0, 5)), 500),
    ),
    webhookLookup: await time(() => stores.bookings.findByPaymentIntent(`pi_${Math.floor(have / 3)}`)),
    search: await time(() => stores.bookings.list({ search: `s${Math.floor(have / 4)}@example.com` }, { limit: 50 })),
  };
  console.log(JSON.stringify(result));
}
await database.db.dropDatabase();
await database.close();
