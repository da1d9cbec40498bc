import type { ApiErrorBody, Course } from '../../../common/contract.js';
import type { CbErrorCode } from '../events/events.js';

/** An API failure the widget can show and report. */
export class ApiError extends Error {
  constructor(
    readonly code: CbErrorCode | string,
    message: string,
    readonly status = 0,
    readonly body?: Record<string, unknown>,
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
  const url = courseUrl(api, id);
  let pending = courses.get(url);
  if (!pending) {
    pending = request<Course>(url);
    courses.set(url, pending);
    pending.catch(() => courses.delete(url));
  }
  return pending;
}

/** Forgets a course's answer (it changed: the last seat went), so the next read asks the backend. */
export function forgetCourse(api: string, id: string): void {
  courses.delete(courseUrl(api, id));
}

const courseUrl = (api: string, id: string) => `${base(api)}/api/courses/${encodeURIComponent(id)}`;

/** The backend's base URL without a trailing slash. */
export function base(api: string): string {
  return api.replace(/\/+$/, '');
}

/** Calls the API; failures become ApiError with the server's code. */
export async function request<T>(
  url: string,
  token?: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = 'application/json';
    res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      // A public read goes as a page's `<link rel="preload" as="fetch" crossorigin>` fetches it, so
      // the preloaded answer serves it (no cookies cross-origin either way).
      credentials: token ? 'omit' : 'same-origin',
      headers,
      body: body ? JSON.stringify(body) : null,
    });
  } catch {
    throw new ApiError('network_error', 'The booking service cannot be reached.');
  }
  const answer = (await res.json().catch(() => null)) as T | ApiErrorBody | null;
  if (res.ok && answer) return answer as T;
  const error = (answer as ApiErrorBody | null)?.error;
  throw new ApiError(
    error?.code ?? 'server_error',
    error?.message ?? `The booking service answered ${res.status}.`,
    res.status,
    error,
  );
}
