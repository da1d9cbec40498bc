/** The widget bundle: defines `<course-booking>`. Import once per page. */
// First: the price requests start before anything else of the bundle runs.
import './course-booking/prefetch.js';
import { CourseBooking } from './course-booking/course-booking.js';
import { defineElement } from './internal/define.js';

defineElement('course-booking', CourseBooking);

export { CourseBooking };
export { CbCheckoutStartEvent, CbErrorEvent, CbReadyEvent, CbRedirectEvent } from './events/events.js';
