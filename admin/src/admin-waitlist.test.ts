import { expect } from '@open-wc/testing';
import { api, bookAsOther, tokenFor } from '../../widget/test/helpers.js';
import type { AdminWaitlist } from './admin-waitlist.js';
import { inside, mountScreen, newCourse, newStudent, signedIn, textOf, until } from '../test/helpers.js';

describe('<admin-waitlist>', () => {
  it('lists who waits, in order, and removes an entry', async () => {
    const course = await newCourse({ title: 'Raku night', capacity: 1 });
    expect(await bookAsOther(course)).to.equal(201);
    for (const name of [newStudent(), newStudent()]) {
      const token = await tokenFor(name);
      const joined = await fetch(`${api}/api/waitlist`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ courseId: course, returnUrl: `${api}/` }),
      });
      expect(joined.status).to.equal(201);
    }
    const element = await mountScreen<AdminWaitlist>('admin-waitlist', { api: await signedIn(), courseId: course });
    await until(() => element.shadowRoot!.querySelectorAll('tbody tr').length === 2);
    await expect(element).to.be.accessible();
    const first = element.shadowRoot!.querySelector('tbody tr')!;
    expect(first.textContent).to.contain('student-');
    // Nothing is free: Offer now says so.
    inside<HTMLButtonElement>(element, 'button[aria-label^="Offer now"]').click();
    await until(() => textOf(element).includes('Too few seats are free'));
    inside<HTMLButtonElement>(element, 'button.danger').click();
    await until(() => element.shadowRoot!.querySelectorAll('tbody tr').length === 1);
    expect(textOf(element)).to.contain('removed from the waiting list');
    // Someone joins after the screen loaded: Refresh shows them.
    const late = await fetch(`${api}/api/waitlist`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(newStudent())}`, 'content-type': 'application/json' },
      body: JSON.stringify({ courseId: course, returnUrl: `${api}/` }),
    });
    expect(late.status).to.equal(201);
    expect(element.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(1);
    [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Refresh')!.click();
    await until(() => element.shadowRoot!.querySelectorAll('tbody tr').length === 2);
    element.remove();
  });
});
