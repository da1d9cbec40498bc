import type { MailWords } from '../mail-words.js';

export const fr: MailWords = {
  subject: {
    confirmed: ({ course }) => `Réservation confirmée : ${course}`,
    incomplete: ({ course }) => `Votre paiement pour ${course} n’a pas abouti`,
    refunded: ({ course }) => `Remboursé : ${course}`,
    cancelled: ({ course }) => `Annulé par l’organisateur : ${course}`,
    withdrawn: ({ course }) => `Annulé : ${course}`,
    moved: ({ course }) => `Nouvelle date pour ${course}`,
    reminder: ({ course }) => `Rappel : ${course}`,
    operator: ({ course, amount }) => `Nouvelle réservation : ${course} (${amount})`,
    offer: ({ course }) => `Une place vous est réservée : ${course}`,
  },
  lead: {
    confirmed: ({ course }) => `Votre réservation de ${course} est confirmée. Merci !`,
    incomplete: ({ course }) =>
      `Votre paiement pour ${course} n’a pas été finalisé : votre place n’est pas encore réservée. Vous pouvez le finaliser maintenant.`,
    refunded: ({ course, amount }) => `Nous avons remboursé ${amount} pour votre réservation de ${course}.`,
    cancelled: ({ course, amount }) =>
      `L’organisateur a annulé ${course}.${amount ? ` ${amount} vous est remboursé.` : ''} Nous en sommes désolés.`,
    withdrawn: ({ course, amount }) =>
      `Votre réservation de ${course} est annulée, comme demandé.${amount ? ` ${amount} vous est remboursé.` : ''}`,
    moved: ({ course }) => `Votre réservation de ${course} a été déplacée à une nouvelle date.`,
    reminder: ({ course, when }) => `Un rappel : ${course} commence le ${when}.`,
    operator: ({ course, amount }) => `Une réservation de ${course}, payée : ${amount}.`,
    offer: ({ course, until }) =>
      `Une place de ${course} que vous attendiez s’est libérée. Elle vous est réservée jusqu’au ${until} ; réservez-la d’ici là, sinon elle ira à la personne suivante sur la liste d’attente.`,
  },
  greeting: 'Bonjour,',
  when: 'Quand',
  where: 'Où',
  online: 'Participer en ligne',
  paid: 'Payé',
  free: 'Gratuit',
  bookings: 'Vos réservations',
  completePayment: 'Finaliser le paiement',
  takeSeat: 'Réserver la place',
  calendarAttached: 'Le fichier de calendrier est joint : ouvrez-le pour ajouter les dates à votre agenda.',
  signOff: (operator) => `À bientôt,\n${operator}`,
};
