import type { FlowMessages } from './messages.js';

/** French: what the sign-in, checkout and return say, loaded after the price. */
export const frFlow: FlowMessages = {
  wait: 'Veuillez patienter…',
  signingIn: 'Connexion…',
  opening: 'Ouverture du paiement…',
  redirecting: 'Vers le paiement…',
  openCheckout: 'Continuer vers le paiement (nouvel onglet)',
  checkingPayment: 'Vérification du paiement…',
  paid: 'Paiement reçu. Votre place est réservée.',
  processing: 'Paiement en cours…',
  processingLong:
    'Votre paiement est toujours en cours ; certains moyens de paiement prennent quelques jours. Consultez vos réservations plus tard.',
  cancelled: 'Paiement annulé. Aucun montant n’a été prélevé.',
  failed: 'Le paiement a échoué. Aucun montant n’a été prélevé.',
  expired: 'Le paiement a expiré avant d’être effectué.',
  refunded: 'Cette réservation a été remboursée.',
  popupBlocked:
    'Votre navigateur a bloqué la fenêtre de connexion. Autorisez les fenêtres pop-up pour ce site et réessayez.',
  bookOnPage: 'Réserver sur la page du cours',
  popupClosed: 'La connexion a été fermée avant la fin.',
  signInAgain: 'Votre connexion a expiré. Appuyez sur le bouton pour vous reconnecter.',
  paymentsUnavailable: 'Les paiements sont indisponibles pour le moment. Réessayez dans un instant.',
  unreachable: 'Le service de réservation est injoignable. Réessayez.',
  checkoutFailed: 'Le paiement n’a pas pu démarrer. Réessayez.',
  closeCheckout: 'Fermer le paiement',
  awaitingPayment: 'Paiement en attente : votre paiement est encore ouvert.',
  completePayment: 'Terminer le paiement',
  paidPrice: 'Payé {amount}',
  chooseDate: 'Choisissez d’abord une date.',
  quantity: 'Places',
  fewerSeats: 'Une place de moins',
  moreSeats: 'Une place de plus',
  total: 'Total {amount}',
  quantityUnavailable: 'Il reste moins de places que demandé. Choisissez-en moins et réessayez.',
};
