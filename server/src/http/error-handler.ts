import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type ErrorBody } from '../errors.js';
import type { Logger } from '../logger.js';

/** Turns any thrown error into the JSON error shape. Unknown errors are logged and answered as a generic 500. */
export function createErrorHandler(logger: Logger) {
  return function handleError(error: Error, c: Context): Response {
    if (error instanceof AppError) {
      // A 5xx is the operator's to look at: say what lay underneath (never a secret; the client sees the
      // code only). One with no cause beneath is Stripe being told to retry: a warning.
      if (error.status >= 500) {
        logger[error.cause === undefined ? 'warn' : 'error']('unavailable', {
          requestId: c.get('requestId'),
          method: c.req.method,
          path: c.req.path,
          code: error.code,
          cause: error.cause,
        });
      }
      return sendError(c, error);
    }
    if (error instanceof HTTPException) {
      return sendError(
        c,
        new AppError(error.status as AppError['status'], 'http_error', error.message || 'Request failed.'),
      );
    }
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: error.message,
      stack: error.stack,
    });
    return sendError(c, new AppError(500, 'internal_error', 'Something went wrong on our side.'));
  };
}

/** Sends an AppError as `{error: {code, message, ...details}}`; a 503 says when to come back (`Retry-After`). */
export function sendError(c: Context, error: AppError): Response {
  if (error.status === 503) c.header('Retry-After', error.code === 'overloaded' ? '1' : '5');
  const body: ErrorBody = { error: { code: error.code, message: error.message, ...error.details } };
  return c.json(body, error.status);
}
