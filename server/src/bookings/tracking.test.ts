import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// Where a student came from: the host page's campaign parameters travel with the create request,
// stay on the booking, go into the Checkout Session's metadata (Stripe's reports see them), and the
// operator filters, totals and exports bookings by source. Bad values are refused, naming the field.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const create = (token: string, tracking: unknown) =>
  h.api('/api/bookings/create', { token, body: { courseId: 'intro-ts', returnUrl, tracking } });

describe('campaign tracking', () => {
  it('keeps utm_* and ref on the booking and in the Checkout Session, and the operator filters and exports by source', async () => {
    const source = `newsletter-${Date.now()}`;
    const tracking = { utm_source: source, utm_medium: 'email', utm_campaign: 'spring', ref: 'anna' };
    const res = await create(h.student().token, tracking);
    expect(res.status).toBe(201);
    const id = res.body.booking.id as string;
    expect((await h.stored(id)).tracking).toEqual(tracking);
    const session = await h.stripeApi<{ metadata: Record<string, string> }>(
      `/checkout/sessions/${res.body.booking.stripeSessionId}`,
    );
    expect(session.body.metadata).toMatchObject({ ...tracking, bookingId: id });

    await create(h.student().token, { utm_source: 'elsewhere' });
    const list = await h.admin(`/bookings?source=${source}`);
    expect(list.body.bookings.map((b: { id: string }) => b.id)).toEqual([id]);
    expect(list.body.bookings[0].tracking).toEqual(tracking);
    const totals = await h.admin(`/bookings/totals?source=${source}`);
    expect(totals.body.byStatus).toEqual({ pending: 1 });
    const csv = await h.admin(`/bookings?source=${source}`, { accept: 'text/csv' });
    const [header, row] = csv.text.trim().split('\r\n');
    expect(header).toContain('utm_source,utm_medium,utm_campaign,utm_term,utm_content,ref');
    expect(row).toContain(`${source},email,spring,,,anna`);
  });

  it('refuses a value too long, with control characters, empty, or a key it does not know, naming it (400)', async () => {
    const { token } = h.student();
    for (const [tracking, field] of [
      [{ utm_source: 'x'.repeat(201) }, 'tracking.utm_source'],
      [{ utm_campaign: 'spring\nsale' }, 'tracking.utm_campaign'],
      [{ ref: '' }, 'tracking.ref'],
      [{ gclid: 'abc' }, 'tracking'],
    ] as const) {
      const res = await create(token, tracking);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
  });
});
