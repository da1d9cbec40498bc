import { expect } from '@open-wc/testing';
import { api, mount } from '../../test/helpers.js';

// A page of its own: nothing is cached when these tests start.
describe('<course-booking> while loading', () => {
  it('reserves its space, so the page does not move when the price arrives', async () => {
    const container = mount(`<course-booking api="${api}" course="intro-typescript"></course-booking><p>after</p>`);
    const element = container.querySelector('course-booking')!;
    const ready = new Promise((done) => element.addEventListener('cb-ready', done, { once: true }));
    await element.updateComplete;
    const after = container.querySelector('p')!;
    const loadingTop = after.getBoundingClientRect().top;
    expect(element.shadowRoot!.querySelector('[aria-busy="true"]')).to.not.equal(null);
    await ready;
    await element.updateComplete;
    expect(after.getBoundingClientRect().top).to.equal(loadingTop);
  });

  it('makes one request for ten elements showing the same course', async () => {
    const markup = Array.from({ length: 10 }, () => `<course-booking api="${api}" course="web-components">`).join('');
    const container = mount(markup);
    const all = [...container.querySelectorAll('course-booking')];
    await Promise.all(all.map((el) => new Promise((done) => el.addEventListener('cb-ready', done, { once: true }))));
    const requests = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('/api/courses/web-components'));
    expect(requests.length).to.equal(1);
  });
});
