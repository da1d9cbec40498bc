import type { MailWords } from '../mail-words.js';

export const es: MailWords = {
  subject: {
    confirmed: ({ course }) => `Reserva confirmada: ${course}`,
    incomplete: ({ course }) => `Tu pago de ${course} no se completó`,
    refunded: ({ course }) => `Reembolsado: ${course}`,
    cancelled: ({ course }) => `Cancelado por el organizador: ${course}`,
    withdrawn: ({ course }) => `Cancelada: ${course}`,
    moved: ({ course }) => `Nueva fecha para ${course}`,
    reminder: ({ course }) => `Recordatorio: ${course}`,
    operator: ({ course, amount }) => `Nueva reserva: ${course} (${amount})`,
    offer: ({ course }) => `Tienes una plaza reservada: ${course}`,
  },
  lead: {
    confirmed: ({ course }) => `Tu reserva de ${course} está confirmada. ¡Gracias!`,
    incomplete: ({ course }) =>
      `Tu pago de ${course} no se completó, así que tu plaza aún no está reservada. Puedes completarlo ahora.`,
    refunded: ({ course, amount }) => `Te hemos reembolsado ${amount} por tu reserva de ${course}.`,
    cancelled: ({ course, amount }) =>
      `El organizador canceló ${course}.${amount ? ` Te devolvemos ${amount}.` : ''} Lo sentimos.`,
    withdrawn: ({ course, amount }) =>
      `Tu reserva de ${course} está cancelada, como pediste.${amount ? ` Te devolvemos ${amount}.` : ''}`,
    moved: ({ course }) => `Tu reserva de ${course} se ha movido a una nueva fecha.`,
    reminder: ({ course, when }) => `Un recordatorio: ${course} empieza el ${when}.`,
    operator: ({ course, amount }) => `Una reserva de ${course}, pagada: ${amount}.`,
    offer: ({ course, until }) =>
      `Se ha liberado una plaza de ${course} que esperabas. Está reservada para ti hasta ${until}; resérvala antes, o pasará a la siguiente persona de la lista de espera.`,
  },
  greeting: 'Hola:',
  when: 'Cuándo',
  where: 'Dónde',
  online: 'Unirse en línea',
  paid: 'Pagado',
  free: 'Gratis',
  bookings: 'Tus reservas',
  completePayment: 'Completar el pago',
  takeSeat: 'Reservar la plaza',
  calendarAttached: 'Adjuntamos el archivo de calendario: ábrelo para añadir las fechas a tu calendario.',
  signOff: (operator) => `Hasta pronto,\n${operator}`,
};
