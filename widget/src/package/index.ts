/**
 * The package's main entry: registers `<course-booking>` and `<booking-dashboard>` (once, however
 * often it is imported) and exports what `./elements` does. Import it in the browser only: the
 * elements are browser code (in Next.js, from a client component's effect).
 */
import { defineElement } from '../internal/define.js';
import { BookingDashboard, CourseBooking } from './elements.js';

defineElement('course-booking', CourseBooking);
defineElement('booking-dashboard', BookingDashboard);

export * from './elements.js';
