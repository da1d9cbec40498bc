/** The widget bundle: defines `<course-booking>`. Import once per page. */
export { CourseBooking } from './course-booking/course-booking.js';
export { CbErrorEvent, CbReadyEvent } from './events/events.js';
