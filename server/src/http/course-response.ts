import type { CachedCourse, CachedList, Catalog } from '../courses/catalog.js';
import { errors } from '../errors.js';
import { publicReadHeaders } from './public-read.js';

export { publicReadHeaders } from './public-read.js';

/** A complete answer to `GET /api/courses/:id`, as plain data any transport can send. */
export interface CourseResponse {
  status: 200 | 304;
  headers: Readonly<Record<string, string>>;
  body: string | null;
}

/**
 * The answer for a cached course (or the list): 200 with its JSON, or 304 when `If-None-Match` still matches.
 * `requestId`, when given, is echoed in `X-Request-Id`.
 */
export function courseAnswer(
  found: CachedCourse | CachedList,
  ifNoneMatch: string | undefined,
  requestId?: string,
): CourseResponse {
  const notModified = matchesEtag(ifNoneMatch, found.etag);
  const { ok, notModified: unchanged } = headersOf(found);
  const headers = notModified ? unchanged : ok;
  return {
    status: notModified ? 304 : 200,
    headers: requestId ? { ...headers, 'X-Request-Id': requestId } : headers,
    body: notModified ? null : found.json,
  };
}

/** The answer for the course list: 200 with `{courses}`, or 304 when `If-None-Match` still matches. */
export async function listResponse(catalog: Catalog, ifNoneMatch: string | undefined, requestId?: string) {
  return courseAnswer(await catalog.list(), ifNoneMatch, requestId);
}

/** The answer for a course id; throws 404 `course_not_found`, or 410 `course_unavailable` for an archived course. */
export async function courseResponse(
  catalog: Catalog,
  id: string,
  ifNoneMatch: string | undefined,
  requestId?: string,
): Promise<CourseResponse> {
  return courseAnswer(await catalog.get(id).then(forSale), ifNoneMatch, requestId);
}

/** The course, if it is for sale: 404 `course_not_found` when there is none, 410 `course_unavailable` when archived. */
export function forSale(found: CachedCourse | null): CachedCourse {
  if (!found) throw errors.courseNotFound();
  if (!found.active) throw errors.courseUnavailable();
  return found;
}

/** The headers of a 200 and of a 304 for a cached course, made once per cached entry (the price path is hot). */
const headerCache = new WeakMap<object, { ok: Record<string, string>; notModified: Record<string, string> }>();

function headersOf(found: CachedCourse | CachedList) {
  let headers = headerCache.get(found);
  if (!headers) {
    const notModified = { ...publicReadHeaders, ETag: found.etag };
    // With its length given, node:http writes headers and body in one go (without it, in chunks).
    const ok = {
      ...notModified,
      'Content-Type': 'application/json; charset=UTF-8',
      'Content-Length': String(Buffer.byteLength(found.json)),
    };
    headers = { ok, notModified };
    headerCache.set(found, headers);
  }
  return headers;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
