// Texts the server writes in each of the widget's languages (a course's price, its dates), so that
// a page draws its first price and dates without loading the browser's number and date formats
// (some 20 ms each at first use, 80 on a slow phone). Node and Chromium format from the same ICU
// data, so the server's text is the one the page would write.

/** The widget's languages, each with the region its bare tag stands for: `en-US` writes as `en` does, `en-GB` does not. */
const languages: Readonly<Record<string, string>> = { en: 'us', de: 'de', es: 'es', fr: 'fr', ja: 'jp' };

/** A text in each of the widget's languages. */
export function textsIn(write: (lang: string) => string): Record<string, string> {
  return Object.fromEntries(Object.keys(languages).map((lang) => [lang, write(lang)]));
}

/**
 * The server's text for `lang`, when `lang` writes as one of its languages does (the language alone,
 * or with the region it stands for); undefined: write it here.
 */
export function textFor(texts: Record<string, string> | undefined, lang: string | undefined): string | undefined {
  const tag = (lang ?? '').toLowerCase();
  const language = tag.split('-')[0]!;
  const known = tag === language || tag === `${language}-${languages[language]}`;
  return texts && known && Object.hasOwn(texts, language) ? texts[language] : undefined;
}
