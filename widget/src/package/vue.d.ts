/**
 * `<course-booking>` and `<booking-dashboard>` in Vue's templates (`GlobalComponents`): every
 * attribute typed, every event as `@cb-…`. Add `import type {} from '@course-booking/widget/vue'`
 * once, and tell Vue's compiler they are custom elements (`isCustomElement`, see the README).
 * `ref` is Vue's own attribute: a `?ref=` on the page's address still reaches the booking.
 */
import type { DefineComponent } from 'vue';
import type {
  BookingDashboardAttributes,
  BookingDashboardEvents,
  CourseBookingAttributes,
  CourseBookingEvents,
} from './elements.js';

type Camel<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camel<Tail>>}`
  : Name;
/** `@cb-paid` is the prop `onCbPaid` to Vue's type checker. */
type Handlers<Events> = {
  [Name in keyof Events & string as `on${Capitalize<Camel<Name>>}`]?: (event: Events[Name]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'course-booking': DefineComponent<Omit<CourseBookingAttributes, 'ref'> & Handlers<CourseBookingEvents>>;
    'booking-dashboard': DefineComponent<BookingDashboardAttributes & Handlers<BookingDashboardEvents>>;
  }
}
