/**
 * The package's `./elements` entry: the element classes and their events, registering nothing, for
 * scoped registries and tests (`customElements.define('my-booking', CourseBooking)`).
 */
import { BookingDashboard as Dashboard } from '../booking-dashboard/booking-dashboard.js';
import { CourseBooking as Booking } from '../course-booking/course-booking.js';
import type { BookingDashboardElement, CourseBookingElement } from './element-types.js';

/** An element's class, as `customElements.define` takes it. */
export interface ElementClass<T extends HTMLElement> {
  new (): T;
  prototype: T;
}

/** `<course-booking>`'s class: a course's price and a Book & Pay button. */
export const CourseBooking: ElementClass<CourseBookingElement> = Booking;
/** `<booking-dashboard>`'s class: the signed-in student's bookings. */
export const BookingDashboard: ElementClass<BookingDashboardElement> = Dashboard;

export {
  CbCheckoutStartEvent,
  CbErrorEvent,
  CbPaidEvent,
  CbReadyEvent,
  CbRedirectEvent,
  type CbDetail,
  type CbErrorCode,
} from '../events/events.js';
export { CbOfferEvent, CbWaitlistJoinedEvent } from '../events/waitlist-events.js';
export type * from './element-types.js';
export type {
  Attendee,
  BookingStatus,
  Course,
  CourseSession,
  Question,
  Tracking,
  WaitlistEntry,
} from '../../../common/contract.js';
