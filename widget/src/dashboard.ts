/** The dashboard bundle: defines `<booking-dashboard>`. Load it with a module script, like widget.js. */
export { BookingDashboard } from './booking-dashboard/booking-dashboard.js';
