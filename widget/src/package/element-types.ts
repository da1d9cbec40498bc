import type { Tracking } from '../../../common/contract.js';
import type { TokenSource } from '../auth/auth-client.js';
import type {
  CbCheckoutStartEvent,
  CbErrorEvent,
  CbPaidEvent,
  CbReadyEvent,
  CbRedirectEvent,
} from '../events/events.js';
import type { CbOfferEvent, CbWaitlistJoinedEvent } from '../events/waitlist-events.js';

/*
 * The elements' public contract, the one source every framework's typings come from: the
 * attributes a page writes, the events it hears, and the element as script sees it. A test holds
 * the attributes to what the elements observe (`element-types.test.ts`).
 */

/** `light`, `dark` or `auto` (follows the system); unset, the page's colours. */
export type Theme = 'light' | 'dark' | 'auto';

/** What both elements take. */
export interface BackendAttributes {
  /** The backend's origin. Required when the element comes from this package (it cannot guess it from a script's address). */
  api?: string;
  theme?: Theme;
}

/** `<course-booking>`'s attributes, as a page writes them. */
export interface CourseBookingAttributes extends BackendAttributes, Tracking {
  /** The course's id (slug). */
  course: string;
  /** `redirect` (default) goes to Stripe's page; `embedded` shows Stripe's form in a dialog on the page. */
  mode?: 'redirect' | 'embedded';
  /** Where Stripe sends the student back; defaults to the page. Must be on an allowed origin. */
  'return-url'?: string;
  /** Shows the course description under the title. */
  details?: boolean;
  /** "N seats left" shows from this many seats down (default 5). */
  'seats-threshold'?: number | string;
  /** For a course on dates: pins one date (its id), with no picker. */
  session?: string;
  /** For a course on dates: how many dates show before "More dates" (default 5). */
  'sessions-limit'?: number | string;
  /** Shows the course's cancellation policy in one sentence under the button. */
  policy?: boolean;
}

/** The events `<course-booking>` fires; each bubbles, is composed, and carries a `detail` (`CbDetail`). */
export interface CourseBookingEvents {
  'cb-ready': CbReadyEvent;
  'cb-checkout-start': CbCheckoutStartEvent;
  'cb-redirect': CbRedirectEvent;
  'cb-paid': CbPaidEvent;
  'cb-error': CbErrorEvent;
  'cb-waitlist-joined': CbWaitlistJoinedEvent;
  'cb-offer': CbOfferEvent;
}

/** `<booking-dashboard>`'s attributes. */
export interface BookingDashboardAttributes extends BackendAttributes {
  /** Bookings per page; Show more brings the next (default 50). */
  'page-size'?: number | string;
}

/** The events `<booking-dashboard>` fires. */
export interface BookingDashboardEvents {
  'cb-redirect': CbRedirectEvent;
}

/** Event handler props named `${prefix}${event}`: `oncb-paid` (React 19, Preact, Svelte 5), `on:cb-paid` (Solid). */
export type EventHandlers<Events, Prefix extends string> = {
  [Name in keyof Events & string as `${Prefix}${Name}`]?: (event: Events[Name]) => void;
};

/** What both elements are to script. */
export interface BackendElementProperties {
  api: string;
  theme: Theme | '';
  /** Supplies tokens directly, for sites that run the operator's Clerk (no popup then). */
  getToken: TokenSource | undefined;
  /** Settles once the element has drawn its latest state (what a test awaits). */
  readonly updateComplete: Promise<boolean>;
}

/** `<course-booking>` to script: its properties (the attributes, camel-cased). */
export interface CourseBookingElement extends HTMLElement, BackendElementProperties {
  course: string;
  mode: 'redirect' | 'embedded';
  returnUrl: string;
  details: boolean;
  seatsThreshold: number;
  session: string;
  sessionsLimit: number;
  policy: boolean;
}

/** `<booking-dashboard>` to script. */
export interface BookingDashboardElement extends HTMLElement, BackendElementProperties {
  pageSize: number;
}

declare global {
  interface HTMLElementTagNameMap {
    'course-booking': CourseBookingElement;
    'booking-dashboard': BookingDashboardElement;
  }
}
