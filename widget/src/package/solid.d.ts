/**
 * `<course-booking>` and `<booking-dashboard>` in Solid's JSX: every attribute typed, every event
 * as `on:cb-…`. Add `import type {} from '@course-booking/widget/solid'` once.
 * `ref` is the framework's own prop here: a `?ref=` on the page's address still reaches the booking.
 */
import type { JSX } from 'solid-js';
import type {
  BookingDashboardAttributes,
  BookingDashboardElement,
  BookingDashboardEvents,
  CourseBookingAttributes,
  CourseBookingElement,
  CourseBookingEvents,
  EventHandlers,
} from './elements.js';

type Props<Element extends HTMLElement, Attributes, Events> = JSX.HTMLAttributes<Element> &
  Omit<Attributes, 'ref'> &
  EventHandlers<Events, 'on:'>;

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'course-booking': Props<CourseBookingElement, CourseBookingAttributes, CourseBookingEvents>;
      'booking-dashboard': Props<BookingDashboardElement, BookingDashboardAttributes, BookingDashboardEvents>;
    }
  }
}
