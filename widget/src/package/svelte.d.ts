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
} from './elements.js';

type Handlers<Events> = { [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void };

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'course-booking': HTMLAttributes<CourseBookingElement> & CourseBookingAttributes & Handlers<CourseBookingEvents>;
    'booking-dashboard': HTMLAttributes<BookingDashboardElement> &
      BookingDashboardAttributes &
      Handlers<BookingDashboardEvents>;
  }
}
