import type { ApiErrorBody, Course } from '../../../server/src/contract.js';
import type { CbErrorCode } from '../events/events.js';

/** An API failure the widget can show and report. */
export class ApiError extends Error {
  constructor(
    readonly code: CbErrorCode | string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
  }
}

/** The origin widget.js was loaded from: the default backend. */
export const scriptOrigin = new URL(import.meta.url).origin;

// One request per course per page, however many elements show it. Failures are not kept,
// so a retry asks again.
const courses = new Map<string, Promise<Course>>();

/** Fetches a public course, sharing one request among every caller on the page. */
export function fetchCourse(api: string, id: string): Promise<Course> {
  const url = `${api.replace(/\/+$/, '')}/api/courses/${encodeURIComponent(id)}`;
  let pending = courses.get(url);
  if (!pending) {
    pending = getJson<Course>(url);
    courses.set(url, pending);
    pending.catch(() => courses.delete(url));
  }
  return pending;
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError('network_error', 'The booking service cannot be reached.');
  }
  const body = (await res.json().catch(() => null)) as T | ApiErrorBody | null;
  if (res.ok && body) return body as T;
  const error = (body as ApiErrorBody | null)?.error;
  throw new ApiError(
    error?.code ?? 'server_error',
    error?.message ?? `The booking service answered ${res.status}.`,
    res.status,
  );
}
