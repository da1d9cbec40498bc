import { expect } from '@open-wc/testing';
import { CbErrorEvent, CbReadyEvent } from '../events/events.js';
import { mountCourse, partText } from '../../test/helpers.js';

describe('<course-booking>', () => {
  afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

  it('shows the course title and its USD price in an English page', async () => {
    const { element, event } = await mountCourse({ course: 'intro-typescript' });
    expect(event).to.be.instanceOf(CbReadyEvent);
    expect(partText(element, 'title')).to.equal('Intro to TypeScript');
    expect(partText(element, 'price')).to.equal('$49.00');
  });

  it('formats a EUR price the German way in a German page', async () => {
    const { element } = await mountCourse({ course: 'web-components' }, { lang: 'de' });
    expect(partText(element, 'price')?.replace(/\s/g, ' ')).to.equal('49,00 €');
  });

  it('shows a JPY price with no decimals', async () => {
    const { element } = await mountCourse({ course: 'tokyo-photo-walk' });
    expect(partText(element, 'price')).to.equal('¥12,000');
  });

  it('fires cb-ready, bubbling and composed, with the course', async () => {
    const { event } = await mountCourse({ course: 'intro-typescript' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect((event as CbReadyEvent).course).to.include({ id: 'intro-typescript', price: 4900, currency: 'usd' });
  });

  it('gives every event a detail a tag manager can read: the course, its price and currency', async () => {
    const { event } = await mountCourse({ course: 'intro-typescript' });
    expect((event as CbReadyEvent).detail).to.deep.include({
      courseId: 'intro-typescript',
      amount: 4900,
      currency: 'usd',
    });
    const { event: failed } = await mountCourse({ course: 'no-such-course' });
    expect((failed as CbErrorEvent).detail).to.deep.include({ courseId: 'no-such-course' });
  });

  it('shows an error and fires cb-error course_not_found for an unknown course', async () => {
    const { element, event } = await mountCourse({ course: 'no-such-course' });
    expect(event).to.be.instanceOf(CbErrorEvent);
    expect((event as CbErrorEvent).code).to.equal('course_not_found');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(partText(element, 'error')).to.equal('This course is not available.');
    expect(element.shadowRoot!.querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(element.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('shows an error with Try again and fires cb-error network_error when the backend is unreachable', async () => {
    const { element, event } = await mountCourse({ course: 'intro-typescript', api: 'http://127.0.0.1:9' });
    expect((event as CbErrorEvent).code).to.equal('network_error');
    expect(partText(element, 'error')).to.equal('Prices cannot be loaded right now.');
    expect(partText(element, 'button')).to.equal('Try again');
  });

  it('tries again when Try again is pressed', async () => {
    const { element } = await mountCourse({ course: 'intro-typescript', api: 'http://127.0.0.1:9' });
    const next = new Promise((done) => element.addEventListener('cb-error', done, { once: true }));
    element.shadowRoot!.querySelector('button')!.click();
    expect(((await next) as CbErrorEvent).code).to.equal('network_error');
  });

  it('is accessible when ready and when it shows an error (axe)', async () => {
    const { element } = await mountCourse({ course: 'intro-typescript' });
    await expect(element).to.be.accessible();
    const failed = await mountCourse({ course: 'intro-typescript', api: 'http://127.0.0.1:9' });
    await expect(failed.element).to.be.accessible();
  });

  it('speaks the page language: German strings and prices on a German page', async () => {
    const { element } = await mountCourse({ course: 'web-components' }, { lang: 'de-DE' });
    expect(partText(element, 'button')).to.equal('Buchen & bezahlen');
    expect(element.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal(
      'Buchen & bezahlen: Web Components Workshop, 49,00\u00a0€',
    );
  });

  it('takes a dark theme from its theme attribute', async () => {
    const { element } = await mountCourse({ course: 'intro-typescript', theme: 'dark' });
    const card = element.shadowRoot!.querySelector('.card')!;
    expect(getComputedStyle(card).backgroundColor).to.equal('rgb(31, 41, 55)');
  });

  it('fires cb-error missing_course when no course is set', async () => {
    const { event } = await mountCourse({});
    expect((event as CbErrorEvent).code).to.equal('missing_course');
  });
});
