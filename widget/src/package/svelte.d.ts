/**
 * `<course-booking>` and `<booking-dashboard>` in Svelte 5's markup: every attribute typed, every
 * event as `oncb-…`. Add `import type {} from '@course-booking/widget/svelte'` once (in a `.d.ts`
 * of the project, or a component's script).
 */
import type { HTMLAttributes } from 'svelte/elements';
import type {
  BookingDashboardAttributes,
  BookingDashboardElement,
  BookingDashboardEvents,
  CourseBookingAttributes,
  CourseBookingElement,
  CourseBookingEvents,
  EventHandlers,
} from './elements.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'course-booking': HTMLAttributes<CourseBookingElement> &
      CourseBookingAttributes &
      EventHandlers<CourseBookingEvents, 'on'>;
    'booking-dashboard': HTMLAttributes<BookingDashboardElement> &
      BookingDashboardAttributes &
      EventHandlers<BookingDashboardEvents, 'on'>;
  }
}
