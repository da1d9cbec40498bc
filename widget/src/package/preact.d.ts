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
} from './elements.js';

type Handlers<Events> = { [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void };
type Props<Element extends HTMLElement, Attributes, Events> = HTMLAttributes<Element> &
  Omit<Attributes, 'ref'> &
  Handlers<Events>;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'course-booking': Props<CourseBookingElement, CourseBookingAttributes, CourseBookingEvents>;
      'booking-dashboard': Props<BookingDashboardElement, BookingDashboardAttributes, BookingDashboardEvents>;
    }
  }
}
