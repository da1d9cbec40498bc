import type { BookingRecord } from '../../bookings/booking.js';

const columns = [
  'id',
  'createdAt',
  'updatedAt',
  'courseId',
  'courseTitle',
  'paymentStatus',
  'quantity',
  'amount',
  'amountPaid',
  'currency',
  'userId',
  'email',
  'stripeSessionId',
  'stripePaymentIntentId',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'ref',
] as const;

/** Bookings as CSV, one row per booking (the operator's export). */
export const bookingsCsv = (rows: AsyncIterable<BookingRecord>) => csvStream(columns, rows, bookingValues);

/**
 * Rows as CSV (RFC 4180), a row at a time: a stream that reads the next batch only when the client
 * has taken what came before, so any number of rows passes through a fixed amount of memory.
 */
export function csvStream<Row, Column extends string>(
  header: readonly Column[],
  rows: AsyncIterable<Row>,
  valuesOf: (row: Row) => Record<Column, unknown>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let first = true;
  const line = (row: Row) => {
    const values = valuesOf(row);
    return header.map((column) => csvField(values[column])).join(',');
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const lines: string[] = first ? [header.join(',')] : [];
        first = false;
        // A few hundred rows per chunk: fewer, larger writes than one per row.
        while (lines.length < 256) {
          const next = await iterator.next();
          if (next.done) {
            if (lines.length > 0) controller.enqueue(encoder.encode(lines.join('\r\n') + '\r\n'));
            controller.close();
            return;
          }
          lines.push(line(next.value));
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

function bookingValues(booking: BookingRecord): Record<(typeof columns)[number], unknown> {
  return {
    id: booking.id,
    createdAt: booking.createdAt.toISOString(),
    updatedAt: booking.updatedAt.toISOString(),
    courseId: booking.courseId,
    courseTitle: booking.courseTitle,
    paymentStatus: booking.paymentStatus,
    quantity: booking.quantity,
    amount: booking.amount,
    amountPaid: booking.amountPaid ?? '',
    currency: booking.currency,
    userId: booking.userId,
    email: booking.checkout.customerEmail ?? '',
    stripeSessionId: booking.stripeSessionId ?? '',
    stripePaymentIntentId: booking.stripePaymentIntentId ?? '',
    utm_source: booking.tracking?.utm_source ?? '',
    utm_medium: booking.tracking?.utm_medium ?? '',
    utm_campaign: booking.tracking?.utm_campaign ?? '',
    utm_term: booking.tracking?.utm_term ?? '',
    utm_content: booking.tracking?.utm_content ?? '',
    ref: booking.tracking?.ref ?? '',
  };
}

/** A field, quoted when it must be; a text that a spreadsheet would run as a formula is defused with a leading `'`. */
export function csvField(value: unknown): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
