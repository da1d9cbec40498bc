import type { PriceMessages } from './messages.js';

/** Spanish: what shows with the price (the rest is in `es-flow.ts`, loaded after it). */
export const es: PriceMessages = {
  book: 'Reservar y pagar',
  bookFree: 'Reservar (gratis)',
  free: 'Gratis',
  soldOut: 'Agotado',
  seatLeft: 'Queda 1 plaza',
  seatsLeft: 'Quedan {n} plazas',
  unavailable: 'Este curso ya no está disponible.',
  tryAgain: 'Reintentar',
  booked: 'Reservado',
  loadingPrice: 'Cargando el precio…',
  courseNotFound: 'Este curso no está disponible.',
  pricesUnavailable: 'Ahora mismo no se pueden cargar los precios.',
  dates: 'Fechas',
  moreDates: 'Más fechas',
};
