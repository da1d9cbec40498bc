import { expect } from '@open-wc/testing';
import { trackingOf } from './checkout.js';

// Where the student came from, as the widget sends it with the booking: the host page's campaign
// parameters, the element's attributes of the same names winning, each kept to what the backend takes.
describe('the campaign parameters a booking carries', () => {
  it('reads utm_* and ref from the page, and the element’s attributes win', () => {
    const element = document.createElement('course-booking');
    element.setAttribute('utm_campaign', 'spring-flyer');
    expect(
      trackingOf(element, '?utm_source=newsletter&utm_medium=email&utm_campaign=spring&ref=anna&gclid=x&page=2'),
    ).to.deep.equal({ utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'spring-flyer', ref: 'anna' });
  });

  it('sends nothing when the page says nothing, and never a value the backend would refuse', () => {
    expect(trackingOf(undefined, '?page=2')).to.equal(undefined);
    const odd = trackingOf(undefined, `?utm_source=${'x'.repeat(300)}&utm_term=a%0Ab&utm_content=%20%20`);
    expect(odd).to.deep.equal({ utm_source: 'x'.repeat(200), utm_term: 'ab' });
  });
});
