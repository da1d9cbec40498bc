import { errors } from '../errors.js';
import type { PaymentGateway } from './payment-gateway.js';

const paymentsUnavailable = () => errors.paymentsUnavailable('Payments are not configured on this server.');

/** Without Stripe keys: every payment call answers 503 `payments_unavailable`. */
export const unavailableGateway: PaymentGateway = {
  createCheckout: async () => Promise.reject(paymentsUnavailable()),
  retrieveCheckout: async () => Promise.reject(paymentsUnavailable()),
  retrievePaymentIntent: async () => Promise.reject(paymentsUnavailable()),
  expireCheckout: async () => Promise.reject(paymentsUnavailable()),
  refundPayment: async () => Promise.reject(paymentsUnavailable()),
  retrieveInvoice: async () => Promise.reject(paymentsUnavailable()),
};
