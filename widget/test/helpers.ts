import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import '../src/dashboard.js';
import type { CourseBooking } from '../src/course-booking/course-booking.js';

declare global {
  interface Window {
    CB_TEST: { api: string };
  }
}

/** The real backend the component tests run against. */
export const api = window.CB_TEST.api;

/** A widget token for a development student, minted by the backend for this test page's origin. */
export async function tokenFor(name: string): Promise<string> {
  const { token } = (await executeServerCommand('cb-token', { name })) as { token: string };
  return token;
}

/** Presses a button on the sandbox pay page; answers the URL Stripe sends the student back to. */
export async function sandboxPay(
  sessionId: string,
  action: 'pay' | 'cancel' | 'delayed',
  form: Record<string, string> = {},
): Promise<string> {
  const { location } = (await executeServerCommand('cb-sandbox-pay', { sessionId, action, form })) as {
    location: string;
  };
  return location;
}

/** Waits until the backend has the booking in a status: its webhook arrived. */
export async function waitForStatus(bookingId: string, status: string): Promise<void> {
  await executeServerCommand('cb-wait-status', { bookingId, status });
}

/** Creates a course with a fresh id through the admin API; answers the id. */
export async function newCourse(fields: Record<string, unknown>): Promise<string> {
  const id = `course-${Math.random().toString(36).slice(2)}`;
  const course = {
    title: 'Pottery for Beginners',
    description: 'Three mornings at the wheel.',
    price: 4900,
    currency: 'usd',
    ...fields,
  };
  await executeServerCommand('cb-course', { id, course });
  return id;
}

/** Puts a dated session of a course through the admin API. */
export async function newSession(courseId: string, sessionId: string, session: Record<string, unknown>): Promise<void> {
  await executeServerCommand('cb-session', { courseId, sessionId, session });
}

/** The organiser cancels a session: its paid bookings are refunded and end cancelled. */
export async function cancelSession(courseId: string, sessionId: string): Promise<void> {
  await executeServerCommand('cb-cancel-session', { courseId, sessionId });
}

/** Another student books the course (taking a seat); answers the backend's status code. */
export async function bookAsOther(courseId: string, sessionId?: string): Promise<number> {
  return (await bookOther(courseId, sessionId)).status;
}

/** Another student books the course (taking a seat): the status code, and their checkout session. */
export async function bookOther(courseId: string, sessionId?: string): Promise<{ status: number; sessionId: string }> {
  return (await executeServerCommand('cb-book-other', { courseId, sessionId })) as {
    status: number;
    sessionId: string;
  };
}

/** A checkout expires, as Stripe does at its time: its seats go back (to those waiting, first). */
export async function expireCheckout(sessionId: string): Promise<void> {
  await executeServerCommand('cb-expire-session', { sessionId });
}

/** A fresh student name, so each test starts with no bookings. */
export const newStudent = () => `student-${Math.random().toString(36).slice(2)}@example.com`;

/** Adds markup to the page inside a fresh container, and returns the container. */
export function mount(markup: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = markup;
  document.body.append(container);
  return container;
}

/** Waits for the next event of a type on a target. */
export function next<T extends Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((done) => target.addEventListener(type, (event) => done(event as T), { once: true }));
}

/** Mounts one `<course-booking>` and waits for its first outcome: `cb-ready` or `cb-error`. */
export async function mountCourse(
  attributes: Record<string, string>,
  wrapper: { lang?: string } = {},
): Promise<{ element: CourseBooking; event: Event }> {
  const container = document.createElement('div');
  if (wrapper.lang) container.lang = wrapper.lang;
  const outcome = new Promise<Event>((done) => {
    container.addEventListener('cb-ready', done, { once: true });
    container.addEventListener('cb-error', done, { once: true });
  });
  const element = document.createElement('course-booking') as CourseBooking;
  for (const [name, value] of Object.entries({ api, ...attributes })) element.setAttribute(name, value);
  container.append(element);
  document.body.append(container);
  const event = await outcome;
  await element.updateComplete;
  return { element, event };
}

/** Text of a part inside the element's shadow root. */
export function partText(element: HTMLElement, part: string): string | undefined {
  return element.shadowRoot?.querySelector(`[part~="${part}"]`)?.textContent?.trim();
}

/** Waits until a condition holds, polling. */
export async function until(condition: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * For a file's tests that book: the page stays put (each `cb-redirect` is cancelled, as a host
 * page may), and the elements a test mounted go after it.
 */
export function keepPageOnRedirect(): void {
  const keepPage = (event: Event) => event.preventDefault();
  beforeEach(() => document.addEventListener('cb-redirect', keepPage));
  afterEach(() => {
    document.removeEventListener('cb-redirect', keepPage);
    document.querySelectorAll('body > div').forEach((d) => d.remove());
  });
}
