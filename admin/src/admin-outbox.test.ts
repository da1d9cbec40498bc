import { expect } from '@open-wc/testing';
import type { AdminEndpoints } from './admin-endpoints.js';
import type { AdminOutbox } from './admin-outbox.js';
import { inside, mountScreen, newCourse, newStudent, paidBooking, signedIn, textOf, until } from '../test/helpers.js';

/** The button of a screen whose accessible name is `name`. */
const buttonNamed = (element: HTMLElement, name: string) =>
  [...element.shadowRoot!.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name,
  )!;

describe('<admin-endpoints>', () => {
  it('adds an endpoint and shows its secret once, disables it, rotates its secret and removes it, accessibly', async () => {
    const element = await mountScreen<AdminEndpoints>('admin-endpoints', { api: await signedIn() });
    await until(() => !textOf(element).includes('Loading'));
    const url = `https://hooks.example.com/${Math.random().toString(36).slice(2)}`;
    inside<HTMLInputElement>(element, 'input[name="url"]').value = url;
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => textOf(element).includes(`Added ${url}`));
    const secret = inside(element, 'output').textContent!.trim();
    expect(secret).to.match(/^whsec_/);
    await expect(element).to.be.accessible();
    buttonNamed(element, 'I have copied it').click();
    await until(() => !element.shadowRoot!.querySelector('output'));
    expect(textOf(element)).not.to.contain('whsec_');
    const row = () =>
      [...element.shadowRoot!.querySelectorAll('tbody tr')].find((tr) => tr.textContent!.includes(url))!;
    expect(row().textContent).to.contain('booking.paid, booking.refunded');

    buttonNamed(element, `Disable ${url}`).click();
    await until(() => row().textContent!.includes('disabled'));
    buttonNamed(element, `Rotate secret of ${url}`).click();
    await until(() => element.shadowRoot!.querySelector('output') !== null);
    expect(inside(element, 'output').textContent!.trim()).not.to.equal(secret);
    await until(() => row().textContent!.includes('signs too until'));
    buttonNamed(element, `Remove ${url}`).click();
    await element.updateComplete;
    buttonNamed(element, 'Yes, remove it').click();
    await until(() => textOf(element).includes(`Removed ${url}`));
    expect(row()).to.equal(undefined);
    element.remove();
  });

  it('names what is wrong with an address it refuses', async () => {
    const element = await mountScreen<AdminEndpoints>('admin-endpoints', { api: await signedIn() });
    await until(() => !textOf(element).includes('Loading'));
    const input = inside<HTMLInputElement>(element, 'input[name="url"]');
    input.value = 'ftp://example.com/hooks';
    inside<HTMLFormElement>(element, 'form').requestSubmit();
    await until(() => input.getAttribute('aria-invalid') === 'true');
    expect(inside(element, '#url-problem').textContent).to.contain('http(s) URL');
    element.remove();
  });
});

describe('<admin-outbox>', () => {
  it('lists the confirmation a paid booking wrote, sent, and sends it again on request, accessibly', async function () {
    this.timeout(90_000);
    const student = newStudent();
    await paidBooking(student, await newCourse({ title: 'Raku firing' }));
    const element = await mountScreen<AdminOutbox>('admin-outbox', { api: await signedIn() });
    const row = () =>
      [...element.shadowRoot!.querySelectorAll('tbody tr')].find(
        (tr) => tr.textContent!.includes('Email: confirmed') && tr.textContent!.includes('@example.test'),
      );
    // The backend sends it within seconds of the payment (behind the other tests' emails, on a busy
    // machine): the list is read again until it says so, for up to a minute.
    const deadline = Date.now() + 60_000;
    while (!row()?.textContent!.includes('Sent ')) {
      if (Date.now() > deadline) throw new Error(`no sent confirmation listed: ${textOf(element)}`);
      await new Promise((r) => setTimeout(r, 300));
      inside<HTMLFormElement>(element, 'form').requestSubmit();
      await until(() => !textOf(element).includes('Loading'));
    }
    await expect(element).to.be.accessible();
    const to = row()!.querySelectorAll('td')[2]!.textContent!.trim();
    buttonNamed(element, `Send again: confirmed to ${to}`).click();
    await until(() => textOf(element).includes(`Sending again: confirmed to ${to}.`));
    element.remove();
  });
});
