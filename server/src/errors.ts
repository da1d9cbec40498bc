import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error type of the server: an HTTP status, a snake_case code and a message for humans. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** What went wrong underneath (a Stripe or MongoDB error): logged for the operator, never sent. */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AppError';
  }
}

/** The backend cannot start (a database it cannot reach): one line for the operator, exit 1. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string } & Record<string, unknown>;
}

/** Factories for the errors the API answers with, so codes and statuses stay consistent. */
export const errors = {
  invalidRequest: (message: string, fields?: Record<string, string>) =>
    new AppError(400, 'invalid_request', message, fields ? { fields } : undefined),
  invalidJson: () => new AppError(400, 'invalid_json', 'The request body is not valid JSON.'),
  unauthenticated: (message = 'Sign in first.') => new AppError(401, 'unauthenticated', message),
  notFound: () => new AppError(404, 'not_found', 'No such endpoint.'),
  courseNotFound: () => new AppError(404, 'course_not_found', 'No course has that id.'),
  courseUnavailable: () => new AppError(410, 'course_unavailable', 'This course is no longer available.'),
  soldOut: () => new AppError(409, 'sold_out', 'Every seat of this course is taken.'),
  quantityUnavailable: (seatsLeft: number) =>
    new AppError(
      409,
      'quantity_unavailable',
      `Only ${seatsLeft} ${seatsLeft === 1 ? 'seat is' : 'seats are'} left; ask for fewer.`,
      { seatsLeft },
    ),
  sessionRequired: () =>
    new AppError(400, 'session_required', 'This course runs on dates: say which one (sessionId).', {
      fields: { sessionId: 'is required for a course with dated sessions' },
    }),
  sessionNotFound: () => new AppError(404, 'session_not_found', 'This course has no such session.'),
  sessionClosed: () => new AppError(409, 'session_closed', 'Booking for this session has closed.'),
  sessionCancelled: () =>
    new AppError(409, 'session_cancelled', 'This session was cancelled; it cannot change any more.'),
  payloadTooLarge: (limit: number) =>
    new AppError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`),
  unsupportedMediaType: () => new AppError(415, 'unsupported_media_type', 'Send the body as application/json.'),
  bookingNotFound: () => new AppError(404, 'booking_not_found', 'No booking of yours has that id.'),
  /** 403 for a request from a foreign page; 400 when a body names a foreign origin. */
  originNotAllowed: (status: 400 | 403 = 403, message = 'This site is not allowed to use the booking service.') =>
    new AppError(status, 'origin_not_allowed', message),
  paymentsUnavailable: (message = 'Payments are unavailable right now; try again shortly.', cause?: unknown) =>
    new AppError(503, 'payments_unavailable', message, undefined, cause),
  /** A browser bundle is missing: the build has not run. */
  notBuilt: (what: string) => new AppError(503, 'widget_not_built', `${what} has not been built; run npm run build.`),
  /** Another event of the same booking is being applied right now: Stripe must deliver this one again later. */
  bookingBusy: () =>
    new AppError(503, 'booking_busy', 'This booking is being updated by another event; deliver it again later.'),
  /** The operator's refund: the booking has no payment to give back, or already gave it back. */
  notRefundable: (message: string) => new AppError(409, 'not_refundable', message),
  notMovable: (message: string) => new AppError(409, 'not_movable', message),
  adminBookingNotFound: () => new AppError(404, 'booking_not_found', 'No booking has that id.'),
  refundAlreadyRequested: () =>
    new AppError(409, 'refund_already_requested', 'A refund of this booking was already requested.'),
  /** Stripe refused the refund; its reason is the message. */
  refundRefused: (message: string) => new AppError(409, 'refund_refused', `Stripe refused the refund: ${message}`),
  /** Signed in, but not one of the operators in `ADMIN_USER_IDS`. */
  forbidden: (message = 'This account is not allowed into the operator console.') =>
    new AppError(403, 'forbidden', message),
  /** This instance has as much work in flight as the database can take: the client comes back shortly (`Retry-After`). */
  overloaded: (cause?: unknown) =>
    new AppError(503, 'overloaded', 'The service is busy right now; try again in a moment.', undefined, cause),
  databaseUnavailable: (cause?: unknown) =>
    new AppError(503, 'database_unavailable', 'The database is not reachable; try again shortly.', undefined, cause),
};
