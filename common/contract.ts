/**
 * The HTTP contract shared by the server and the widget. The widget imports its types only, so
 * nothing here reaches the bundle; the server also uses the list of states.
 */

/** A course as the public API shows it. `price` is in the currency's minor unit, as Stripe counts it. */
export interface Course {
  id: string;
  title: string;
  description: string;
  price: number;
  currency: string;
  /**
   * The price as the widget's languages write it (`en`, `de`, `es`, `fr`, `ja`), e.g. `{ de: '49,00 $' }`:
   * a page shows it without loading the browser's number formats first. Absent for a free course.
   */
  priceText?: Record<string, string>;
  /** Seats still for sale; only for a course with a limited number of seats. */
  seatsLeft?: number;
  /** No seat left to book (always false for a course without a seat limit). */
  soldOut: boolean;
  /**
   * A course sold on dates: its upcoming sessions, soonest first (past and cancelled ones are not
   * listed). Absent for a self-paced course.
   */
  sessions?: CourseSession[];
  /** When a student may cancel (and what comes back) or move to another date; absent: never. */
  cancellationPolicy?: CancellationPolicy;
  /** A picture of the course (https); absent: none. */
  imageUrl?: string;
  /** The course's page on the operator's own site; absent: none. */
  pageUrl?: string;
  /** How many seats one purchase may buy, when more than one (a group); absent: one. */
  maxPerOrder?: number;
  /** What the course asks each attendee before checkout (up to five); absent: nothing beyond a name. */
  questions?: Question[];
}

/** A question a course asks each attendee: free text, one of `options`, or a checkbox (required: ticked). */
export interface Question {
  /** Stable: the key of its answer in `Attendee.answers`. */
  id: string;
  label: string;
  type: 'text' | 'select' | 'checkbox';
  /** A select question's choices. */
  options?: string[];
  required: boolean;
}

/** Someone a booking's seat is for: a name, an optional email, and the answers to the course's questions by their id. */
export interface Attendee {
  name: string;
  email?: string;
  answers: Record<string, string | boolean>;
}

/**
 * A course's cancellation policy: refund windows, the first whose deadline has not passed applies
 * ("until 168 hours before the start: 100 %, until 48 hours before: 50 %"; an undated course counts
 * days after purchase), and until how many hours before the start a booking may move to another date.
 */
export interface CancellationPolicy {
  windows: Array<{ hoursBefore?: number; daysAfterPurchase?: number; refundPercent: number }>;
  moveUntilHoursBefore?: number;
}

/** The session of a booking, as its student sees it. */
export interface BookedSession {
  id: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  location?: string;
  /** Only for a paid booking. */
  onlineUrl?: string;
  meetings?: Array<{ startsAt: string; endsAt: string }>;
}

/** One dated run of a course, as the public read shows it (its online link never). */
export interface CourseSession {
  /** Stable and URL-safe: what `POST /api/bookings/create` takes as `sessionId`. */
  id: string;
  /** Instants (ISO 8601, UTC); shown in `timeZone`. */
  startsAt: string;
  endsAt: string;
  /** The IANA zone the session happens in. */
  timeZone: string;
  /**
   * When it starts, in `timeZone`, the zone named, as the widget's languages write it
   * (`{ en: 'Sun, Mar 14, 2027, 09:00 AM GMT+1' }`): the widget draws it without loading date formats.
   */
  startsText?: Record<string, string>;
  /** How many minutes `timeZone` is ahead of UTC when it starts (Berlin in winter: 60): whether a reader's clock agrees. */
  utcOffset?: number;
  location?: string;
  /** Its meetings, for a session that meets more than once ("six Tuesdays"). */
  meetings?: Array<{ startsAt: string; endsAt: string }>;
  /** Seats still for sale; only for a session with a limited number of seats. */
  seatsLeft?: number;
  soldOut: boolean;
  /** Booking is open: before `bookingClosesAt` and not sold out. */
  bookable: boolean;
}

/** `GET /api/courses` */
export interface CourseList {
  courses: Course[];
}

/** The body of every error response. */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Every state a booking can be in, in the order of the payment lifecycle. */
export const paymentStatuses = [
  'pending',
  'processing',
  'paid',
  'failed',
  'expired',
  'refunded',
  'disputed',
  'cancelled',
] as const;

/** Where a booking stands in the payment lifecycle. */
export type PaymentStatus = (typeof paymentStatuses)[number];

/**
 * Where a booking stands, and for which course: all that a return ticket shows (the page Stripe sent
 * back may be opened by anyone holding its link, so no amounts and no Stripe ids).
 */
export interface BookingStatus {
  id: string;
  courseId: string;
  course: { id: string; title: string };
  paymentStatus: PaymentStatus;
  /** The dated session booked (`Course.sessions[].id`); absent for a self-paced course. */
  sessionId?: string;
}

/** A booking as its student sees it (`userId` only in admin responses). */
export interface Booking extends BookingStatus {
  /** When and where it happens; the online link only once the booking is paid. */
  session?: BookedSession;
  /** How many seats the booking holds (a group's purchase: more than one). */
  quantity: number;
  /** Who each seat is for, with their answers (personal data: only its student and the operator see them). */
  attendees?: Attendee[];
  /** Its owner's view: until when they may change the attendees (`PUT /api/bookings/:id/attendees`); null: no longer. */
  attendeesUntil?: string | null;
  /** The list price charged, for every seat (0 for a free course). */
  amount: number;
  /** What the student actually paid, after any promotion code; null until the payment completes. */
  amountPaid: number | null;
  /** What has gone back of the payment so far (partial refunds, a cancellation's refund); 0 when nothing. */
  amountRefunded: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
  stripeSessionId: string | null;
  stripePaymentIntentId: string | null;
  /** The invoice Stripe created for the payment (the course asks for invoices): `GET /api/bookings/:id/invoice` reads it. */
  invoiceId: string | null;
  history: Array<{ status: PaymentStatus; at: string }>;
  /**
   * A `cancelled` booking: who cancelled it, why, when, and what went back (in the currency's minor
   * unit). Any other booking of its owner: whether they may cancel it now, what would come back,
   * until when, and until when it may move to another date.
   */
  cancellation?: BookingCancellation;
  userId?: string;
}

/** A booking's cancellation: what happened (a cancelled booking), or what its owner may do now. */
export interface BookingCancellation {
  allowed: boolean;
  /** A cancelled booking: by the organiser (its date was cancelled) or by its student. */
  by?: 'organiser' | 'student';
  reason?: 'session_cancelled' | 'student_cancelled';
  at?: string;
  amountRefunded?: number;
  /** Not cancelled: what cancelling now would send back, and until when that holds. */
  refundAmount?: number;
  until?: string | null;
  /** Until when it may move to another date (null: not now). */
  moveUntil?: string | null;
  /** Not cancelled: the course's policy, for its owner to read in one sentence (`policySentence`). */
  policy?: CancellationPolicy;
}

/** `POST /api/bookings/create`: the course and where Stripe should send the student back. */
export interface CreateBookingRequest {
  courseId: string;
  returnUrl: string;
  mode?: 'redirect' | 'embedded';
  /** The host page's language (a BCP 47 tag such as `de-AT`): Checkout speaks it. */
  locale?: string;
  /** The dated session to book: required for a course with `sessions` (400 `session_required`). */
  sessionId?: string;
  /** How many seats, 1 (the default) up to the course's `maxPerOrder` (409 `quantity_unavailable` when fewer are left). */
  quantity?: number;
  /** One per seat: required for more than one seat, or when the course asks questions (400 naming each bad field). */
  attendees?: Attendee[];
  /** Where the student came from: the host page's campaign parameters (each up to 200 printable characters). */
  tracking?: Tracking;
}

/**
 * A place on a waiting list (`POST /api/waitlist`, `GET /api/waitlist/user`): its place in line
 * while it waits, and the offer once seats were freed for it (held until `expiresAt`; a create of
 * the course or date then takes them).
 */
export interface WaitlistEntry {
  id: string;
  courseId: string;
  courseTitle: string;
  sessionId?: string;
  /** The date waited for: when it starts, in its zone. */
  session?: { startsAt: string; timeZone: string };
  quantity: number;
  status: 'waiting' | 'offered' | 'taken' | 'lapsed' | 'left' | 'removed';
  /** 1 for the first in line; null once the entry left the line. */
  position: number | null;
  offer: null | { expiresAt: string };
  createdAt: string;
}

/** The campaign parameters a booking keeps: from the host page's URL, or the element's attributes of the same names. */
export interface Tracking {
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  ref?: string;
}

/** The campaign parameters, in the order they are read and sent. */
export const trackingKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'ref'] as const;

/**
 * `POST /api/bookings/create` answer: a Checkout URL (redirect), or what Stripe's embedded Checkout
 * needs (embedded). `frameUrl` comes only from the sandbox, whose checkout runs in a plain frame.
 */
export interface CreateBookingResponse {
  booking: Booking;
  /** Absent for a free course: the booking is confirmed at once. */
  checkout?: { url: string } | EmbeddedCheckout;
}

/** What the widget mounts in embedded mode. */
export interface EmbeddedCheckout {
  clientSecret: string;
  publishableKey: string;
  frameUrl?: string;
}

/** `GET /api/bookings/user`: newest first, a page at a time; `next` is the cursor of the following page (`?cursor=`). */
export interface BookingList {
  bookings: Booking[];
  next?: string | null;
}
