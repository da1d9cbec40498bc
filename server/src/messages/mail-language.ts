import type { MailWords } from './mail-words.js';
import { de } from './words/de.js';
import { en } from './words/en.js';
import { es } from './words/es.js';
import { fr } from './words/fr.js';
import { ja } from './words/ja.js';

const languages = { en, de, fr, es, ja } as const;

/** A language the emails are written in. */
export type MailLanguage = keyof typeof languages;

/** The language of a booking's emails: the page's when the student booked (`de-AT` is German), else English. */
export function mailLanguage(locale: string | undefined): MailLanguage {
  const primary = (locale ?? '').slice(0, 2).toLowerCase();
  return primary in languages ? (primary as MailLanguage) : 'en';
}

/** The words of a language's emails. */
export const wordsOf = (language: MailLanguage): MailWords => languages[language];
