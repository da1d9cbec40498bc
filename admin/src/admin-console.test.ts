import { expect, fixture, html } from '@open-wc/testing';
import type { AdminConsole } from './admin-console.js';
import { AdminApi } from './api.js';
import { inside, textOf, until } from '../test/helpers.js';

describe('<admin-console>', () => {
  beforeEach(() => sessionStorage.clear());

  it('asks for development sign-in, labelled as such, and is accessible', async () => {
    const config = document.createElement('script');
    config.id = 'cb-admin-config';
    config.type = 'application/json';
    config.textContent = JSON.stringify({ signIn: 'development' });
    document.head.append(config);
    const element = await fixture<AdminConsole>(html`<admin-console></admin-console>`);
    const signIn = inside(element, 'admin-sign-in');
    await until(() => textOf(signIn).includes('Development sign-in'));
    await expect(element).to.be.accessible();
    config.remove();
  });

  it('signs the operator in, shows the screens, and signs out back to the sign-in', async () => {
    const element = await fixture<AdminConsole>(html`<admin-console></admin-console>`);
    const signIn = inside(element, 'admin-sign-in');
    await until(() => !!signIn.shadowRoot?.querySelector('form'));
    inside<HTMLInputElement>(signIn, 'input[name="name"]').value = 'admin';
    inside<HTMLButtonElement>(signIn, 'button').click();
    await until(() => !!element.shadowRoot?.querySelector('nav'));
    expect(textOf(element)).to.contain('Development sign-in');
    const links = [...element.shadowRoot!.querySelectorAll('nav a')].map((a) => a.textContent?.trim());
    expect(links).to.deep.equal(['Bookings', 'Courses', 'Webhooks', 'Outbox', 'Outgoing webhooks', 'Health']);
    expect(inside(element, 'nav a[aria-current="page"]').textContent).to.equal('Bookings');
    await until(() => !!element.shadowRoot?.querySelector('admin-bookings'));
    await expect(element).to.be.accessible();
    inside<HTMLButtonElement>(element, '.who button').click();
    await until(() => !!element.shadowRoot?.querySelector('admin-sign-in'));
    expect(new AdminApi().session).to.equal(null);
  });

  it('refuses someone not in ADMIN_USER_IDS, and says why', async () => {
    const element = await fixture<AdminConsole>(html`<admin-console></admin-console>`);
    const signIn = inside(element, 'admin-sign-in');
    await until(() => !!signIn.shadowRoot?.querySelector('form'));
    inside<HTMLInputElement>(signIn, 'input[name="name"]').value = 'mallory';
    inside<HTMLButtonElement>(signIn, 'button').click();
    await until(() => textOf(signIn).includes('not in ADMIN_USER_IDS'));
    expect(element.shadowRoot!.querySelector('nav')).to.equal(null);
  });
});
