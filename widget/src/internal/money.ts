export { formatPrice, inLocale } from '../../../common/money.js';

/** The language that applies to an element: its own `lang`, an ancestor's, the document's, or the browser's. */
export function languageOf(element: Element): string | undefined {
  const lang = element.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
  return lang || navigator.language || undefined;
}
