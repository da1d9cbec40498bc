/**
 * `<course-booking>` and `<booking-dashboard>` in Preact's JSX: every attribute typed, every event
 * as `oncb-…` (Preact listens for the name after `on`). Add `import type {} from '@course-booking/widget/preact'` once.
 * `ref` is the framework's own prop here: a `?ref=` on the page's address still reaches the booking.
 */
import type { HTMLAttributes } from 'preact';
import type {
  BookingDashboardAttributes,
  BookingDashboardElement,
  BookingDashboardEvents,
  CourseBookingAttributes,
  CourseBookingElement,
  CourseBookingEvents,
  EventHandlers,
} from './elements.js';

type Props<Element extends HTMLElement, Attributes, Events> = HTMLAttributes<Element> &
  Omit<Attributes, 'ref'> &
  EventHandlers<Events, 'on'>;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'course-booking': Props<CourseBookingElement, CourseBookingAttributes, CourseBookingEvents>;
      'booking-dashboard': Props<BookingDashboardElement, BookingDashboardAttributes, BookingDashboardEvents>;
    }
  }
}
