/** The dashboard bundle: defines `<booking-dashboard>`. Load it with a module script, like widget.js. */
import { BookingDashboard } from './booking-dashboard/booking-dashboard.js';
import { defineElement } from './internal/define.js';

defineElement('booking-dashboard', BookingDashboard);

export { BookingDashboard };
