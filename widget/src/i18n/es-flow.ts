import type { FlowMessages } from './messages.js';

/** Spanish: what the sign-in, checkout and return say, loaded after the price. */
export const esFlow: FlowMessages = {
  wait: 'Espere…',
  signingIn: 'Iniciando sesión…',
  opening: 'Abriendo el pago…',
  redirecting: 'Yendo al pago…',
  openCheckout: 'Continuar al pago (nueva pestaña)',
  checkingPayment: 'Comprobando el pago…',
  paid: 'Pago recibido. Tiene su plaza reservada.',
  processing: 'Procesando el pago…',
  processingLong:
    'Su pago sigue en proceso; algunos métodos de pago tardan unos días. Consulte sus reservas más tarde.',
  cancelled: 'Pago cancelado. No se ha cobrado nada.',
  failed: 'El pago ha fallado. No se ha cobrado nada.',
  expired: 'El pago caducó antes de completarse.',
  refunded: 'Esta reserva se ha reembolsado.',
  popupBlocked:
    'Su navegador ha bloqueado la ventana de inicio de sesión. Permita las ventanas emergentes en este sitio e inténtelo de nuevo.',
  bookOnPage: 'Reservar en la página del curso',
  popupClosed: 'El inicio de sesión se cerró antes de terminar.',
  signInAgain: 'Su sesión ha caducado. Pulse el botón para iniciar sesión de nuevo.',
  paymentsUnavailable: 'Los pagos no están disponibles ahora mismo. Inténtelo de nuevo en un momento.',
  unreachable: 'No se puede contactar con el servicio de reservas. Inténtelo de nuevo.',
  checkoutFailed: 'No se pudo iniciar el pago. Inténtelo de nuevo.',
  closeCheckout: 'Cerrar el pago',
  awaitingPayment: 'Pago pendiente: tu pago sigue abierto.',
  completePayment: 'Completar el pago',
  paidPrice: 'Pagado {amount}',
  chooseDate: 'Elige primero una fecha.',
  quantity: 'Plazas',
  fewerSeats: 'Una plaza menos',
  moreSeats: 'Una plaza más',
  total: 'Total {amount}',
  quantityUnavailable: 'Quedan menos plazas de las que pediste. Elige menos e inténtalo de nuevo.',
};
