import type { CachedCourse, Catalog } from './catalog.js';

export { publicReadHeaders } from './public-read.js';

/** A complete answer to `GET /api/courses/:id`, as plain data any transport can send. */
export interface CourseResponse {
  status: 200 | 304;
  headers: Readonly<Record<string, string>>;
  body: string | null;
}

/**
 * The answer for a cached course: 200 with its JSON, or 304 when `If-None-Match` still matches.
 * `requestId`, when given, is echoed in `X-Request-Id`.
 */
export function courseAnswer(found: CachedCourse, ifNoneMatch: string | undefined, requestId?: string): CourseResponse {
  const notModified = matchesEtag(ifNoneMatch, found.etag);
  const headers = notModified ? found.notModifiedHeaders : found.headers;
  return {
    status: notModified ? 304 : 200,
    headers: requestId ? { ...headers, 'X-Request-Id': requestId } : headers,
    body: notModified ? null : found.json,
  };
}

/** The answer for a course id, or null when there is no such active course (the caller answers 404). */
export async function courseResponse(
  catalog: Catalog,
  id: string,
  ifNoneMatch: string | undefined,
  requestId?: string,
): Promise<CourseResponse | null> {
  const found = await catalog.get(id);
  return found ? courseAnswer(found, ifNoneMatch, requestId) : null;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
