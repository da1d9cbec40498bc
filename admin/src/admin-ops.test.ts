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

  it('shows routine ignored events (payment_intent.succeeded) in plain words and not in red, with whole event ids', async () => {
    await paidBooking(newStudent(), await newCourse({ title: 'Routine' }));
    const element = await mountScreen<AdminWebhooks>('admin-webhooks', { api: await signedIn() });
    await until(() => textOf(element).includes('payment_intent.succeeded'));
    const row = [...element.shadowRoot!.querySelectorAll('tbody tr')].find((tr) =>
      tr.textContent!.includes('payment_intent.succeeded'),
    )!;
    expect(row.classList.contains('alert')).to.equal(false);
    const pill = row.querySelector('.status')!;
    expect(pill.textContent).to.equal('ignored');
    expect(pill.classList.contains('attention')).to.equal(false);
    const red = document.createElement('span');
    red.className = 'status attention';
    row.append(red);
    expect(getComputedStyle(pill).color).not.to.equal(getComputedStyle(red).color);
    red.remove();
    expect(row.textContent).to.contain('Not needed for bookings');
    const id = row.querySelector('code')!;
    expect(id.scrollWidth).to.be.at.most(id.getBoundingClientRect().width + 1);
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
    // Its pills are as wide as their words, not their cards.
    for (const pill of element.shadowRoot!.querySelectorAll('.card strong.status')) {
      expect(pill.getBoundingClientRect().width).to.be.below(pill.parentElement!.getBoundingClientRect().width / 2);
    }
    // A script's change names its author plainly.
    const audited = [...element.shadowRoot!.querySelectorAll('tbody tr')].find((tr) =>
      tr.textContent!.includes('Audited'),
    );
    expect(audited?.querySelector('td:nth-child(2)')!.textContent!.trim()).to.equal('API key');
    await expect(element).to.be.accessible();
    element.remove();
  });
});
