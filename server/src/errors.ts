import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error type of the server: an HTTP status, a snake_case code and a message for humans. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
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
  methodNotAllowed: () => new AppError(405, 'method_not_allowed', 'That method is not allowed here.'),
  payloadTooLarge: (limit: number) =>
    new AppError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`),
  unsupportedMediaType: () => new AppError(415, 'unsupported_media_type', 'Send the body as application/json.'),
  databaseUnavailable: () =>
    new AppError(503, 'database_unavailable', 'The database is not reachable; try again shortly.'),
};
