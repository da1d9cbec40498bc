/** The widget bundle: defines `<course-booking>`. Import once per page. */
// First: the price requests start before anything else of the bundle runs.
import './course-booking/prefetch.js';
export { CourseBooking } from './course-booking/course-booking.js';
export { CbCheckoutStartEvent, CbErrorEvent, CbReadyEvent, CbRedirectEvent } from './events/events.js';
