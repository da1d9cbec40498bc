/**
 * `<course-booking>` and `<booking-dashboard>` in React 19's JSX: every attribute typed, every
 * event as `oncb-…` (React 19 listens for the prop's name after `on`, as written: `oncb-paid`
 * hears `cb-paid`). Add `import type {} from '@course-booking/widget/react'` once.
 * `ref` is the framework's own prop here: a `?ref=` on the page's address still reaches the booking.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  BookingDashboardAttributes,
  BookingDashboardElement,
  BookingDashboardEvents,
  CourseBookingAttributes,
  CourseBookingElement,
  CourseBookingEvents,
  EventHandlers,
} from './elements.js';

type Props<Element extends HTMLElement, Attributes, Events> = DetailedHTMLProps<HTMLAttributes<Element>, Element> &
  Omit<Attributes, 'ref'> &
  EventHandlers<Events, 'on'>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'course-booking': Props<CourseBookingElement, CourseBookingAttributes, CourseBookingEvents>;
      'booking-dashboard': Props<BookingDashboardElement, BookingDashboardAttributes, BookingDashboardEvents>;
    }
  }
}
