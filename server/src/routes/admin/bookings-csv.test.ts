import { describe, expect, it } from 'vitest';
import type { BookingRecord } from '../../bookings/booking.js';
import { bookingRecord } from '../../../../test/support/booking-record.js';
import { bookingsCsv, csvField } from './bookings-csv.js';

/** `n` bookings made one at a time, counting how many the CSV has asked for. */
function bookings(n: number) {
  const read = { count: 0 };
  async function* rows(): AsyncGenerator<BookingRecord> {
    for (let i = 0; i < n; i += 1) {
      read.count += 1;
      yield bookingRecord(i, { courseTitle: 'Intro, "the basics"', amountPaid: 4410 });
    }
  }
  return { rows: rows(), read };
}

describe('the bookings CSV', () => {
  it('streams 100,000 rows, reading the next batch only when the reader has taken the last', async () => {
    const { rows, read } = bookings(100_000);
    const reader = bookingsCsv(rows).getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    expect(first.split('\r\n')[0]).toMatch(/^id,createdAt,/);
    // The reader has one chunk: the stream has read that chunk and at most one more ahead.
    expect(read.count).toBeLessThanOrEqual(2 * 256);
    let lines = first.split('\r\n').length - 1;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      lines += decoder.decode(chunk.value).split('\r\n').length - 1;
    }
    expect(lines).toBe(100_001);
    expect(read.count).toBe(100_000);
  });

  it('quotes commas and quotes, and defuses what a spreadsheet would run as a formula', async () => {
    expect(csvField('Intro, "the basics"')).toBe('"Intro, ""the basics"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField(-5)).toBe('-5');
  });

  it('stops reading when the reader goes away', async () => {
    const { rows, read } = bookings(10_000);
    const reader = bookingsCsv(rows).getReader();
    await reader.read();
    await reader.cancel();
    const after = read.count;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read.count).toBe(after);
    expect(after).toBeLessThan(10_000);
  });
});
