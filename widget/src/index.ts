/** The widget bundle: defines `<course-booking>`. Import once per page. */
export { CourseBooking } from './course-booking/course-booking.js';
export { CbCheckoutStartEvent, CbErrorEvent, CbReadyEvent, CbRedirectEvent } from './events/events.js';
