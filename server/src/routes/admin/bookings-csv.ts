import type { BookingRecord } from '../../bookings/booking.js';

const columns = [
  'id',
  'createdAt',
  'updatedAt',
  'courseId',
  'courseTitle',
  'paymentStatus',
  'amount',
  'amountPaid',
  'currency',
  'userId',
  'email',
  'stripeSessionId',
  'stripePaymentIntentId',
] as const;

/**
 * Bookings as CSV (RFC 4180), a row at a time: a stream that reads the next batch only when the
 * client has taken what came before, so any number of rows passes through a fixed amount of memory.
 */
export function bookingsCsv(rows: AsyncIterable<BookingRecord>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let header = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const lines: string[] = header ? [columns.join(',')] : [];
        header = false;
        // A few hundred rows per chunk: fewer, larger writes than one per row.
        while (lines.length < 256) {
          const next = await iterator.next();
          if (next.done) {
            if (lines.length > 0) controller.enqueue(encoder.encode(lines.join('\r\n') + '\r\n'));
            controller.close();
            return;
          }
          lines.push(csvRow(next.value));
        }
        controller.enqueue(encoder.encode(lines.join('\r\n') + '\r\n'));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

function csvRow(booking: BookingRecord): string {
  const values: Record<(typeof columns)[number], unknown> = {
    id: booking.id,
    createdAt: booking.createdAt.toISOString(),
    updatedAt: booking.updatedAt.toISOString(),
    courseId: booking.courseId,
    courseTitle: booking.courseTitle,
    paymentStatus: booking.paymentStatus,
    amount: booking.amount,
    amountPaid: booking.amountPaid ?? '',
    currency: booking.currency,
    userId: booking.userId,
    email: booking.checkout.customerEmail ?? '',
    stripeSessionId: booking.stripeSessionId ?? '',
    stripePaymentIntentId: booking.stripePaymentIntentId ?? '',
  };
  return columns.map((column) => csvField(values[column])).join(',');
}

/** A field, quoted when it must be; a text that a spreadsheet would run as a formula is defused with a leading `'`. */
export function csvField(value: unknown): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
