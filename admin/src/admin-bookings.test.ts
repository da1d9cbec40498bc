import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { AdminBooking } from './admin-booking.js';
import type { AdminRefund } from './admin-refund.js';
import type { AdminBookings } from './admin-bookings.js';
import type { AdminHealth } from './admin-health.js';
import { en } from '../../widget/src/booking-dashboard/dashboard-messages.js';
import { statusWords } from './format.js';
import { inside, mountScreen, newCourse, newStudent, paidBooking, signedIn, textOf, until } from '../test/helpers.js';

describe("the console's words for statuses", () => {
  it("are the dashboard's, word for word", () => {
    expect(statusWords).to.deep.equal(en.statuses);
  });
});

describe('<admin-bookings>', () => {
  it('lists bookings with totals, finds one by email, and is accessible', async () => {
    const student = newStudent();
    const course = await newCourse({ title: 'Glazing', price: 2500 });
    const id = await paidBooking(student, course);
    const api = await signedIn();
    const element = await mountScreen<AdminBookings>('admin-bookings', { api });
    await until(() => textOf(element).includes('shown') && !textOf(element).includes('Loading'));
    expect(textOf(element)).to.contain('Revenue USD');
    inside<HTMLInputElement>(element, 'input[name="q"]').value = student;
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => element.shadowRoot!.querySelectorAll('tbody tr').length === 1 && textOf(element).includes(id));
    expect(inside(element, 'tbody tr').textContent).to.contain('$25.00');
    // Statuses in the words the student's dashboard uses.
    expect(inside(element, 'tbody .status').textContent).to.equal('Paid');
    expect(inside(element, '.cards').textContent).to.contain('Paid');
    expect(inside<HTMLSelectElement>(element, 'select[name="status"]').options[1]!.textContent).to.equal(
      'Awaiting payment',
    );
    await expect(element).to.be.accessible();
    element.remove();
  });

  it('refuses a From after To with a message at To', async () => {
    const element = await mountScreen<AdminBookings>('admin-bookings', { api: await signedIn() });
    await until(() => !textOf(element).includes('Loading'));
    inside<HTMLInputElement>(element, 'input[name="from"]').value = '2026-03-10';
    inside<HTMLInputElement>(element, 'input[name="to"]').value = '2026-03-01';
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => textOf(element).includes('From must come before To.'));
    expect(inside(element, '#to-error').textContent).to.equal('must be on or after From');
    expect(inside(element, 'input[name="to"]').getAttribute('aria-invalid')).to.equal('true');
    element.remove();
  });

  it('shows each booking as a card at 375 px: every column readable without scrolling sideways', async () => {
    await paidBooking(newStudent(), await newCourse({ title: 'Narrow', price: 2500 }));
    await setViewport({ width: 375, height: 800 });
    try {
      const element = await mountScreen<AdminBookings>('admin-bookings', { api: await signedIn() });
      await until(() => element.shadowRoot!.querySelectorAll('tbody tr td[data-label]').length > 0);
      // The search's hint is read whole.
      const search = inside<HTMLInputElement>(element, 'input[name="q"]');
      const pen = document.createElement('canvas').getContext('2d')!;
      pen.font = getComputedStyle(search).font;
      expect(pen.measureText(search.placeholder).width).to.be.below(search.clientWidth);
      const scroller = inside(element, '.scroll');
      expect(scroller.scrollWidth).to.be.at.most(scroller.clientWidth);
      const row = inside(element, 'tbody tr');
      for (const label of ['Created', 'Student', 'Course', 'Status', 'Paid', 'Booking']) {
        const cell = row.querySelector(`td[data-label="${label}"]`)!;
        const box = cell.getBoundingClientRect();
        expect(box.right, label).to.be.at.most(375);
        expect(getComputedStyle(cell, '::before').content).to.equal(`"${label}"`);
      }
      element.remove();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('says when nothing matches', async () => {
    const element = await mountScreen<AdminBookings>('admin-bookings', { api: await signedIn() });
    inside<HTMLInputElement>(element, 'input[name="q"]').value = 'no-such-booking';
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => textOf(element).includes('No booking matches.'));
    element.remove();
  });
});

describe('<admin-booking>', () => {
  it('shows the history and Stripe links, and refunds after a confirmation; the webhook moves it', async () => {
    const course = await newCourse({ title: 'Raku firing', price: 3000 });
    const id = await paidBooking(newStudent(), course);
    const element = await mountScreen<AdminBooking>('admin-booking', { api: await signedIn(), bookingId: id });
    await until(() => textOf(element).includes('checkout.session.completed'));
    expect(inside<HTMLAnchorElement>(element, 'a[href*="dashboard.stripe.com/test/payments/"]').target).to.equal(
      '_blank',
    );
    await expect(element).to.be.accessible();
    // The amount starts as all that is left; the confirmation names it.
    const refund = inside<AdminRefund>(element, 'admin-refund');
    expect(inside<HTMLInputElement>(refund, 'input[name="amount"]').value).to.equal('30.00');
    inside<HTMLButtonElement>(refund, 'button.danger').click();
    await refund.updateComplete;
    expect(textOf(refund)).to.contain('Refund $30.00 in full through Stripe? This cannot be undone.');
    inside<HTMLButtonElement>(refund, 'button.danger').click();
    await until(() => inside(element, '.status').textContent === 'Refunded', 10_000);
    // Who asked, by name; the audit trail says what changed, without `undefined`.
    expect(textOf(element)).to.match(/by admin,/);
    const health = await mountScreen<AdminHealth>('admin-health', { api: await signedIn() });
    await until(() => textOf(health).includes('booking.refund'));
    const entry = [...health.shadowRoot!.querySelectorAll('tbody tr')].find((tr) => tr.textContent!.includes(id))!;
    expect(entry.querySelector('td:nth-child(2)')!.textContent!.trim()).to.equal('admin');
    expect(entry.textContent).to.match(/refundId: re_/);
    expect(entry.textContent).not.to.contain('undefined');
    health.remove();
    expect(textOf(element)).to.contain('charge.refunded · $30.00 back');
    expect(element.shadowRoot!.querySelector('admin-refund')).to.equal(null);
    element.remove();
  });

  it('refunds a part with a reason, refuses more than is left beside the field, and shows what went back', async () => {
    const course = await newCourse({ title: 'Glaze chemistry', price: 4000 });
    const id = await paidBooking(newStudent(), course);
    const element = await mountScreen<AdminBooking>('admin-booking', { api: await signedIn(), bookingId: id });
    await until(() => textOf(element).includes('checkout.session.completed'));
    const refund = inside<AdminRefund>(element, 'admin-refund');
    const amount = inside<HTMLInputElement>(refund, 'input[name="amount"]');
    amount.value = '45';
    inside<HTMLButtonElement>(refund, 'button.danger').click();
    await refund.updateComplete;
    expect(inside(refund, '#amount-error').textContent).to.equal('Enter an amount up to $40.00.');
    expect(amount.getAttribute('aria-invalid')).to.equal('true');
    amount.value = '12.50';
    inside<HTMLInputElement>(refund, 'input[name="reason"]').value = 'Kiln broke down for an hour';
    inside<HTMLButtonElement>(refund, 'button.danger').click();
    await refund.updateComplete;
    expect(textOf(refund)).to.contain('Refund $12.50 of the $40.00 paid through Stripe?');
    inside<HTMLButtonElement>(refund, 'button.danger').click();
    await until(() => textOf(element).includes('Refunded $12.50.'));
    expect(textOf(element)).to.contain('$12.50 of $40.00');
    expect(textOf(element)).to.contain('Kiln broke down for an hour');
    // Still paid; the rest can go back later, and the form now offers just that.
    expect(inside(element, '.status').textContent).to.equal('Paid');
    await until(() => textOf(element).includes('charge.refunded · $12.50 back'), 10_000);
    const again = inside<AdminRefund>(element, 'admin-refund');
    await again.updateComplete;
    expect(inside<HTMLInputElement>(again, 'input[name="amount"]').value).to.equal('27.50');
    await expect(element).to.be.accessible();
    element.remove();
  });

  it('links the invoice Stripe created, on Stripe’s Dashboard and its hosted page', async () => {
    const course = await newCourse({ title: 'Ledger class', price: 3000, invoiceCreation: true });
    const id = await paidBooking(newStudent(), course);
    const element = await mountScreen<AdminBooking>('admin-booking', { api: await signedIn(), bookingId: id });
    await until(() => !!element.shadowRoot!.querySelector('a[href*="/invoice/in_"]'));
    expect(inside(element, 'a[href*="/invoice/in_"]').textContent!.trim()).to.match(/^SANDBOX-\d{4}$/);
    expect(inside(element, 'a[href*="dashboard.stripe.com/test/invoices/in_"]').textContent).to.match(/^in_/);
    await expect(element).to.be.accessible();
    element.remove();
  });

  it('says so for a booking that does not exist', async () => {
    const element = await mountScreen<AdminBooking>('admin-booking', { api: await signedIn(), bookingId: 'bk_none' });
    await until(() => textOf(element).includes('No booking has that id.'));
    element.remove();
  });
});
