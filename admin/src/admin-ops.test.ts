import { expect } from '@open-wc/testing';
import type { AdminHealth } from './admin-health.js';
import type { AdminWebhooks } from './admin-webhooks.js';
import { inside, mountScreen, newCourse, newStudent, paidBooking, signedIn, textOf, until } from '../test/helpers.js';

describe('<admin-webhooks>', () => {
  it('lists events with their outcome, filters by outcome, and is accessible', async () => {
    await paidBooking(newStudent(), await newCourse({ title: 'Slip casting' }));
    const element = await mountScreen<AdminWebhooks>('admin-webhooks', { api: await signedIn() });
    await until(() => textOf(element).includes('checkout.session.completed'));
    inside<HTMLSelectElement>(element, 'select[name="outcome"]').value = 'applied';
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await element.updateComplete; // the filtered load has started
    await until(() => !textOf(element).includes('Loading'));
    const outcomes = [...element.shadowRoot!.querySelectorAll('tbody .status')].map((s) => s.textContent);
    expect(outcomes.length).to.be.greaterThan(0);
    expect(outcomes.every((o) => o === 'applied')).to.equal(true);
    await expect(element).to.be.accessible();
    element.remove();
  });
});

describe('<admin-health>', () => {
  it('shows the database, Stripe, the reconciler and the audit trail, and is accessible', async () => {
    await newCourse({ title: 'Audited' });
    const element = await mountScreen<AdminHealth>('admin-health', { api: await signedIn() });
    await until(() => textOf(element).includes('Database') && textOf(element).includes('course.create'));
    expect(textOf(element)).to.contain('ready');
    expect(textOf(element)).to.contain('Stripe test');
    await expect(element).to.be.accessible();
    element.remove();
  });
});
