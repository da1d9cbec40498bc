import type { PriceMessages } from './messages.js';

/** French: what shows with the price (the rest is in `fr-flow.ts`, loaded after it). */
export const fr: PriceMessages = {
  book: 'Réserver et payer',
  bookFree: 'Réserver (gratuit)',
  free: 'Gratuit',
  soldOut: 'Complet',
  seatLeft: 'Plus qu’1 place',
  seatsLeft: 'Plus que {n} places',
  unavailable: 'Ce cours n’est plus proposé.',
  tryAgain: 'Réessayer',
  booked: 'Réservé',
  loadingPrice: 'Chargement du prix…',
  courseNotFound: 'Ce cours n’est pas disponible.',
  pricesUnavailable: 'Les prix ne peuvent pas être chargés pour le moment.',
  dates: 'Dates',
  moreDates: 'Plus de dates',
};
