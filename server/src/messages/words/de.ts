import type { MailWords } from '../mail-words.js';

export const de: MailWords = {
  subject: {
    confirmed: ({ course }) => `Buchung bestätigt: ${course}`,
    incomplete: ({ course }) => `Ihre Zahlung für ${course} ist nicht abgeschlossen`,
    refunded: ({ course }) => `Erstattet: ${course}`,
    cancelled: ({ course }) => `Vom Veranstalter abgesagt: ${course}`,
    withdrawn: ({ course }) => `Storniert: ${course}`,
    moved: ({ course }) => `Neuer Termin für ${course}`,
    reminder: ({ course }) => `Erinnerung: ${course}`,
    operator: ({ course, amount }) => `Neue Buchung: ${course} (${amount})`,
    offer: ({ course }) => `Ein Platz ist für Sie reserviert: ${course}`,
  },
  lead: {
    confirmed: ({ course }) => `Ihre Buchung von ${course} ist bestätigt. Vielen Dank!`,
    incomplete: ({ course }) =>
      `Ihre Zahlung für ${course} wurde nicht abgeschlossen, Ihr Platz ist also noch nicht gebucht. Sie können sie jetzt abschließen.`,
    refunded: ({ course, amount }) => `Wir haben ${amount} für Ihre Buchung von ${course} erstattet.`,
    cancelled: ({ course, amount }) =>
      `Der Veranstalter hat ${course} abgesagt.${amount ? ` Sie erhalten ${amount} zurück.` : ''} Das tut uns leid.`,
    withdrawn: ({ course, amount }) =>
      `Ihre Buchung von ${course} ist wie gewünscht storniert.${amount ? ` Sie erhalten ${amount} zurück.` : ''}`,
    moved: ({ course }) => `Ihre Buchung von ${course} wurde auf einen neuen Termin verlegt.`,
    reminder: ({ course, when }) => `Zur Erinnerung: ${course} beginnt am ${when}.`,
    operator: ({ course, amount }) => `Eine Buchung von ${course}, bezahlt: ${amount}.`,
    offer: ({ course, until }) =>
      `Ein Platz in ${course}, auf den Sie gewartet haben, ist frei. Er ist bis ${until} für Sie reserviert; buchen Sie ihn bis dahin, sonst geht er an die nächste Person auf der Warteliste.`,
  },
  greeting: 'Hallo,',
  when: 'Wann',
  where: 'Wo',
  online: 'Online teilnehmen',
  paid: 'Bezahlt',
  free: 'Kostenlos',
  bookings: 'Ihre Buchungen',
  completePayment: 'Zahlung abschließen',
  takeSeat: 'Reservierten Platz buchen',
  calendarAttached: 'Die Kalenderdatei ist angehängt: Öffnen Sie sie, um die Termine in Ihren Kalender zu übernehmen.',
  signOff: (operator) => `Bis bald,\n${operator}`,
};
