import type { PriceMessages } from './messages.js';

/** German: what shows with the price (the rest is in `de-flow.ts`, loaded after it). */
export const de: PriceMessages = {
  book: 'Buchen & bezahlen',
  bookFree: 'Buchen (kostenlos)',
  free: 'Kostenlos',
  soldOut: 'Ausgebucht',
  seatLeft: 'Noch 1 Platz frei',
  seatsLeft: 'Noch {n} Plätze frei',
  unavailable: 'Dieser Kurs ist nicht mehr verfügbar.',
  tryAgain: 'Erneut versuchen',
  booked: 'Gebucht',
  loadingPrice: 'Preis wird geladen…',
  courseNotFound: 'Dieser Kurs ist nicht verfügbar.',
  pricesUnavailable: 'Preise können gerade nicht geladen werden.',
  dates: 'Termine',
  moreDates: 'Weitere Termine',
};
