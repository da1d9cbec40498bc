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
  | 'course_unavailable';

/** Fired when the course has loaded and its price shows. */
export class CbReadyEvent extends Event {
  static readonly type = 'cb-ready';
  constructor(readonly course: Course) {
    super(CbReadyEvent.type, { bubbles: true, composed: true });
  }
}

/** Fired when the widget shows an error state; `code` says which. */
export class CbErrorEvent extends Event {
  static readonly type = 'cb-error';
  constructor(
    readonly code: CbErrorCode,
    readonly message: string,
  ) {
    super(CbErrorEvent.type, { bubbles: true, composed: true });
  }
}

/** Fired before the checkout starts; `preventDefault()` stops it (the host takes over). `sessionId`: the date picked, for a course on dates. */
export class CbCheckoutStartEvent extends Event {
  static readonly type = 'cb-checkout-start';
  constructor(
    readonly course: Course,
    readonly sessionId?: string,
  ) {
    super(CbCheckoutStartEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired just before the page goes to Stripe Checkout; `url` is where it goes. Cancelable: the host then navigates itself. */
export class CbRedirectEvent extends Event {
  static readonly type = 'cb-redirect';
  constructor(
    readonly url: string,
    readonly bookingId: string,
  ) {
    super(CbRedirectEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired once when the student comes back from Checkout and the booking is paid. */
export class CbPaidEvent extends Event {
  static readonly type = 'cb-paid';
  constructor(readonly booking: BookingStatus) {
    super(CbPaidEvent.type, { bubbles: true, composed: true });
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
