// Shared by the widget (bundled) and the sandbox's pay page: pure, no Node or DOM.
import { textsIn } from './server-texts.js';

// Stripe counts these currencies without minor units, or with three; every other in cents.
const zeroDecimal = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '));
const threeDecimal = new Set('bhd jod kwd omr tnd'.split(' '));

/** Formats an amount in Stripe's minor units for a locale, e.g. 4900 eur in `de` as `49,00 €`. */
export function formatPrice(amount: number, currency: string, locale: string | undefined): string {
  const code = currency.toLowerCase();
  const digits = minorUnitDigits(code);
  const key = `${locale}|${code}`;
  let format = formats.get(key);
  if (!format) {
    const options = { style: 'currency', currency: code.toUpperCase() } as const;
    // Made once per locale and currency: constructing one costs more than rendering a card.
    format = inLocale(locale, (tag) => new Intl.NumberFormat(tag, options));
    formats.set(key, format);
  }
  return format.format(amount / 10 ** digits);
}

const formats = new Map<string, Intl.NumberFormat>();

/** How many decimals a currency's minor unit has, as Stripe counts: 0 for JPY, 3 for KWD, else 2. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toLowerCase();
  return zeroDecimal.has(code) ? 0 : threeDecimal.has(code) ? 3 : 2;
}

/** Formats with a locale, falling back to the browser's when the tag is not valid (an invalid `lang` must not break a page). */
export function inLocale<T>(locale: string | undefined, format: (locale: string | undefined) => T): T {
  try {
    return format(locale);
  } catch {
    return format(undefined);
  }
}

/** A price as each of the widget's languages writes it (the server's side of `Course.priceText`). */
export function priceTexts(amount: number, currency: string): Record<string, string> {
  return textsIn((lang) => formatPrice(amount, currency, lang));
}
