import type { FlowMessages } from './messages.js';

/** German: what the sign-in, checkout and return say, loaded after the price. */
export const deFlow: FlowMessages = {
  wait: 'Bitte warten…',
  signingIn: 'Anmeldung…',
  opening: 'Kasse wird geöffnet…',
  redirecting: 'Weiter zur Kasse…',
  openCheckout: 'Weiter zur Kasse (neuer Tab)',
  checkingPayment: 'Zahlung wird geprüft…',
  paid: 'Zahlung erhalten. Sie sind gebucht.',
  processing: 'Zahlung wird verarbeitet…',
  processingLong:
    'Ihre Zahlung wird noch verarbeitet; manche Zahlarten brauchen einige Tage. Sehen Sie später in Ihre Buchungen.',
  cancelled: 'Bezahlung abgebrochen. Es wurde nichts abgebucht.',
  failed: 'Die Zahlung ist fehlgeschlagen. Es wurde nichts abgebucht.',
  expired: 'Die Kasse ist abgelaufen, bevor bezahlt wurde.',
  refunded: 'Diese Buchung wurde erstattet.',
  popupBlocked:
    'Ihr Browser hat das Anmeldefenster blockiert. Erlauben Sie Pop-ups für diese Seite und versuchen Sie es erneut.',
  bookOnPage: 'Auf der Seite des Kurses buchen',
  popupClosed: 'Die Anmeldung wurde geschlossen, bevor sie fertig war.',
  signInAgain: 'Ihre Anmeldung ist abgelaufen. Drücken Sie die Schaltfläche, um sich erneut anzumelden.',
  paymentsUnavailable: 'Zahlungen sind gerade nicht möglich. Versuchen Sie es gleich noch einmal.',
  unreachable: 'Der Buchungsdienst ist nicht erreichbar. Versuchen Sie es erneut.',
  checkoutFailed: 'Die Kasse konnte nicht geöffnet werden. Versuchen Sie es erneut.',
  closeCheckout: 'Kasse schließen',
  awaitingPayment: 'Zahlung ausstehend: Ihr Bezahlvorgang ist noch offen.',
  completePayment: 'Zahlung abschließen',
  paidPrice: '{amount} bezahlt',
  chooseDate: 'Wählen Sie zuerst einen Termin.',
  quantity: 'Plätze',
  fewerSeats: 'Ein Platz weniger',
  moreSeats: 'Ein Platz mehr',
  total: 'Gesamt {amount}',
  quantityUnavailable: 'Es sind weniger Plätze frei als gewünscht. Wählen Sie weniger und versuchen Sie es erneut.',
};
