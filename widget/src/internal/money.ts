export { formatPrice, inLocale } from '../../../common/money.js';
export { textFor } from '../../../common/server-texts.js';

/** The language that applies to an element: its own `lang`, an ancestor's, the document's, or the browser's. */
export function languageOf(element: Element): string | undefined {
  const lang = element.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
  return lang || navigator.language || undefined;
}

/** A language tag's primary language (`de-AT` → `de`), English when there is none: what picks a message set. */
export function primaryLanguage(lang: string | undefined): string {
  return (lang ?? 'en').toLowerCase().split('-')[0] || 'en';
}
