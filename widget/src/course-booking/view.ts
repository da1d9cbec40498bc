import type { BookingStatus, Course, WaitlistEntry } from '../../../common/contract.js';
import type { TokenSource } from '../auth/auth-client.js';
import type { CbErrorCode } from '../events/events.js';
import type { Messages } from '../i18n/messages.js';
import type { AttendeeAsk } from './attendee-form.js';

type Busy = 'signing-in' | 'creating' | 'redirecting' | 'checking' | 'processing' | 'embedded';

/** Every state `<course-booking>` can show. */
export type View =
  | { state: 'loading' }
  | { state: 'error'; code: CbErrorCode; message: keyof Messages }
  /** `page`: the course's hosted page, offered when checkout cannot run here (the sign-in window was blocked). */
  | { state: 'ready'; course: Course; note?: keyof Messages; retry?: boolean; resume?: boolean; page?: string }
  | { state: Busy; course: Course; note?: keyof Messages }
  /** `paid`: what the student paid, when known (a promotion code may have lowered it). */
  | { state: 'booked'; course: Course; note?: keyof Messages; paid?: number | undefined }
  | { state: 'continue'; course: Course; url: string }
  | { state: 'sold-out'; course: Course }
  | { state: 'unavailable' };

/** What the live region announces in each busy state. */
export const announce: Partial<Record<View['state'], keyof Messages>> = {
  loading: 'loadingPrice',
  'signing-in': 'signingIn',
  creating: 'opening',
  redirecting: 'redirecting',
  checking: 'checkingPayment',
  processing: 'processing',
  'sold-out': 'soldOut',
};

/**
 * What the code loaded after the price needs of `<course-booking>`: its view to set, its backend,
 * its strings, and the page's other elements. The element is it; the flow chunk works through it.
 */
export interface BookingHost extends HTMLElement {
  view: View;
  /** The signed-in student's bookings of this course's dates. */
  mine: BookingStatus[];
  /** The date picked, for a course on dates (a waiting list's offer picks its own). */
  chosen: string | undefined;
  /** How many seats the student asks for (unset: one); the stepper sets it and draws the element again. */
  quantity?: number | undefined;
  requestUpdate(): void;
  /** The dialog asking who is coming, while it is open. */
  asking?: AttendeeAsk | undefined;
  /** The student's waiting-list entries for this course, as far as known; the pool being joined. */
  waits?: WaitlistEntry[] | undefined;
  joining?: string | undefined;
  pollTimer: ReturnType<typeof setTimeout> | undefined;
  readonly t: Messages;
  readonly apiBase: string;
  readonly getToken: TokenSource | undefined;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Every element on the page from this backend, this one too: one request asks after all their courses. */
  peers: () => Array<BookingHost & { course: string }>;
}
