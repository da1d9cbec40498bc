import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';

// A course that asks Stripe for invoices: the paid booking keeps the invoice Checkout created, its
// student and the operator open Stripe's hosted invoice page, and money sent back through the
// console goes as a credit note on that invoice, so the invoice shows it as Stripe records it.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const course = { description: '', price: 20_000, currency: 'eur', active: true };
  await h.catalog.put('vat-workshop', {
    ...course,
    title: 'VAT workshop',
    invoiceCreation: true,
    taxIdCollection: true,
  });
  await h.catalog.put('no-invoice', { ...course, title: 'No invoice' });
});
afterAll(() => h.close());

async function paid(courseId: string) {
  const student = h.student();
  const res = await h.api('/api/bookings/create', { token: student.token, body: { courseId, returnUrl } });
  const booking = res.body.booking as { id: string; stripeSessionId: string };
  await h.payPage(booking.stripeSessionId, 'pay');
  await h.waitForStatus(booking.id, 'paid');
  return { student, id: booking.id };
}

describe('invoices', () => {
  it('keeps the invoice of a paid booking, and opens its hosted page for the student and the operator', async () => {
    const { student, id } = await paid('vat-workshop');
    const own = await h.api(`/api/bookings/${id}`, { token: student.token });
    expect(own.body.invoiceId).toMatch(/^in_/);
    const invoice = await h.api(`/api/bookings/${id}/invoice`, { token: student.token });
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({ id: own.body.invoiceId, number: expect.stringMatching(/^SANDBOX-/) });
    const page = await fetch(invoice.body.url);
    expect(await page.text()).toContain('VAT workshop');
    const console = await h.admin(`/bookings/${id}/invoice`);
    expect(console.body.url).toBe(invoice.body.url);
    expect((await h.admin(`/bookings/${id}`)).body.stripeLinks.invoice).toContain(`/invoices/${own.body.invoiceId}`);
    // Another student's is "not found"; a booking with no invoice says so.
    expect((await h.api(`/api/bookings/${id}/invoice`, { token: h.student().token })).status).toBe(404);
    const plain = await paid('no-invoice');
    const none = await h.api(`/api/bookings/${plain.id}/invoice`, { token: plain.student.token });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('invoice_not_found');
  });

  it('sends a partial refund back as a credit note on the invoice, counted once like any refund', async () => {
    const { student, id } = await paid('vat-workshop');
    const res = await h.admin(`/bookings/${id}/refund`, { body: { amount: 5_000, reason: 'Half day only' } });
    expect(res.status).toBe(202);
    await h.webhooksSettled();
    expect(await h.stored(id)).toMatchObject({ paymentStatus: 'paid', amountRefunded: 5_000 });
    const { url } = (await h.api(`/api/bookings/${id}/invoice`, { token: student.token })).body;
    const page = await (await fetch(url)).text();
    expect(page).toMatch(/Credit note cn_/);
    expect(page).toContain('−€50.00');
    expect(page).toContain('€150.00');
    // The rest, the same way: the booking ends refunded.
    await h.admin(`/bookings/${id}/refund`, { method: 'POST' });
    await h.waitForStatus(id, 'refunded');
    expect((await h.stored(id)).amountRefunded).toBe(20_000);
  });
});
