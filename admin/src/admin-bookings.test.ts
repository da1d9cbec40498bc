import { expect } from '@open-wc/testing';
import type { AdminBooking } from './admin-booking.js';
import type { AdminBookings } from './admin-bookings.js';
import { inside, mountScreen, newCourse, newStudent, paidBooking, signedIn, textOf, until } from '../test/helpers.js';

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
    expect(inside(element, '.cards').textContent).to.contain('paid');
    await expect(element).to.be.accessible();
    element.remove();
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
    inside<HTMLButtonElement>(element, 'button.danger').click();
    await element.updateComplete;
    expect(textOf(element)).to.contain('This cannot be undone.');
    inside<HTMLButtonElement>(element, 'button.danger').click();
    await until(() => inside(element, '.status').textContent === 'refunded', 10_000);
    expect(textOf(element)).to.contain('charge.refunded');
    expect(element.shadowRoot!.querySelector('button.danger')).to.equal(null);
    element.remove();
  });

  it('says so for a booking that does not exist', async () => {
    const element = await mountScreen<AdminBooking>('admin-booking', { api: await signedIn(), bookingId: 'bk_none' });
    await until(() => textOf(element).includes('No booking has that id.'));
    element.remove();
  });
});
