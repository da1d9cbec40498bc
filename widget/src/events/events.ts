import type { BookingStatus, Course } from '../../../common/contract.js';

/** Codes a widget reports with `cb-error`. */
export type CbErrorCode =
  | 'course_not_found'
  | 'network_error'
  | 'server_error'
  | 'missing_course'
  | 'popup_blocked'
  | 'popup_closed'
  | 'unauthenticated'
  | 'payments_unavailable'
  | 'rate_limited'
  | 'checkout_failed'
  | 'sold_out'
  | 'quantity_unavailable'
  | 'course_unavailable';

/**
 * What every `cb-*` event carries in `detail`, so a tag manager or a pixel can listen without
 * reading the widget's DOM: the course, the date where there is one, the price (in the currency's
 * minor unit; what was paid, for `cb-paid`, when known) and the booking once there is one.
 */
export interface CbDetail {
  courseId: string;
  sessionId?: string | undefined;
  amount?: number | undefined;
  currency?: string | undefined;
  bookingId?: string | undefined;
}

/** The detail of an event about a course (or what is known of it), its date and its booking. */
export function cbDetail(
  course: Pick<Course, 'id'> & Partial<Pick<Course, 'price' | 'currency'>>,
  sessionId?: string,
  bookingId?: string,
): CbDetail {
  return { courseId: course.id, sessionId, amount: course.price, currency: course.currency, bookingId };
}

/** Every `cb-*` event: bubbles out of the shadow root, with `detail` as above. */
export class CbEvent extends CustomEvent<CbDetail> {
  constructor(type: string, detail: CbDetail, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable, detail });
  }
}

/** Fired when the course has loaded and its price shows. */
export class CbReadyEvent extends CbEvent {
  static readonly type = 'cb-ready';
  constructor(readonly course: Course) {
    super(CbReadyEvent.type, cbDetail(course));
  }
}

/** Fired when the widget shows an error state; `code` says which. */
export class CbErrorEvent extends CbEvent {
  static readonly type = 'cb-error';
  constructor(
    readonly code: CbErrorCode,
    readonly message: string,
    detail: CbDetail,
  ) {
    super(CbErrorEvent.type, detail);
  }
}

/** Fired before the checkout starts; `preventDefault()` stops it (the host takes over). `sessionId`: the date picked, for a course on dates. */
export class CbCheckoutStartEvent extends CbEvent {
  static readonly type = 'cb-checkout-start';
  constructor(
    readonly course: Course,
    readonly sessionId?: string,
  ) {
    super(CbCheckoutStartEvent.type, cbDetail(course, sessionId), true);
  }
}

/** Fired just before the page goes to Stripe Checkout; `url` is where it goes. Cancelable: the host then navigates itself. */
export class CbRedirectEvent extends CbEvent {
  static readonly type = 'cb-redirect';
  constructor(
    readonly url: string,
    readonly bookingId: string,
    detail: CbDetail,
  ) {
    super(CbRedirectEvent.type, detail, true);
  }
}

/** Fired once when the student comes back from Checkout and the booking is paid (or a free course is booked). */
export class CbPaidEvent extends CbEvent {
  static readonly type = 'cb-paid';
  constructor(
    readonly booking: BookingStatus,
    course: Course,
  ) {
    const paid = (booking as { amountPaid?: number | null }).amountPaid;
    super(CbPaidEvent.type, {
      ...cbDetail(course, booking.sessionId, booking.id),
      ...(paid != null ? { amount: paid } : {}),
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-ready': CbReadyEvent;
    'cb-error': CbErrorEvent;
    'cb-checkout-start': CbCheckoutStartEvent;
    'cb-redirect': CbRedirectEvent;
    'cb-paid': CbPaidEvent;
  }
}
