import { expect } from '@open-wc/testing';
import type { CbErrorEvent } from '../events/events.js';
import { mountCourse, next, partText } from '../../test/helpers.js';
import type { CourseBooking } from './course-booking.js';

// Every language the widget ships, walked through: the price, the button, and a message of the
// checkout flow (which loads after the price), each in the page's language.
afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

const languages = [
  { lang: 'en', price: '€49.00', book: 'Book & Pay', signInAgain: 'Your sign-in has expired.' },
  { lang: 'de-DE', price: '49,00 €', book: 'Buchen & bezahlen', signInAgain: 'Ihre Anmeldung ist abgelaufen.' },
  { lang: 'fr', price: '49,00 €', book: 'Réserver et payer', signInAgain: 'Votre connexion a expiré.' },
  { lang: 'es', price: '49,00 €', book: 'Reservar y pagar', signInAgain: 'Su sesión ha caducado.' },
  { lang: 'ja', price: '€49.00', book: '予約して支払う', signInAgain: 'ログインの有効期限が切れました。' },
];

const button = (element: CourseBooking) => element.shadowRoot!.querySelector<HTMLButtonElement>('button')!;

// First in this file, so that no formatter is made yet on this page (each file has its own).
describe("<course-booking>'s first price", () => {
  it("is the server's text in a language it writes prices in: the page loads no number formats for it", async () => {
    const Original = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = new Proxy(Original, {
      construct: (target, args: ConstructorParameters<typeof Intl.NumberFormat>) => ((made += 1), new target(...args)),
    });
    try {
      const { element } = await mountCourse({ course: 'web-components' }, { lang: 'fr-FR' });
      expect(partText(element, 'price')?.replace(/\s/g, ' ')).to.equal('49,00 €');
      expect(made).to.equal(0);
    } finally {
      Intl.NumberFormat = Original;
    }
  });

  it('is formatted here for a region the server does not write it for', async () => {
    const { element } = await mountCourse({ course: 'web-components' }, { lang: 'de-AT' });
    expect(partText(element, 'price')?.replace(/\s/g, ' ')).to.equal('€ 49,00');
  });
});

describe('<course-booking> in every language it ships', () => {
  for (const { lang, price, book, signInAgain } of languages) {
    it(`speaks ${lang}: the price, the button, and the checkout's messages`, async () => {
      const { element } = await mountCourse({ course: 'web-components' }, { lang });
      expect(partText(element, 'price')?.replace(/\s/g, ' ')).to.equal(price);
      expect(button(element).textContent!.trim()).to.equal(book);
      // A token source that gives no token: the flow says so, in this language.
      element.getToken = async () => null;
      const failed = next<CbErrorEvent>(element, 'cb-error');
      button(element).click();
      expect((await failed).message).to.contain(signInAgain);
      expect(partText(element, 'status')).to.contain(signInAgain);
      await expect(element).to.be.accessible();
    });
  }
});
