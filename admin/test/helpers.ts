import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import { AdminApi } from '../src/api.js';

export { newCourse, newSession, newStudent, until } from '../../widget/test/helpers.js';

/** A console client signed in as the development operator ("admin", listed in ADMIN_USER_IDS by the test stack). */
export async function signedIn(): Promise<AdminApi> {
  const api = new AdminApi();
  await api.signIn({ devName: 'admin' });
  return api;
}

/** A student books a course (a date of it, when given) and pays in the sandbox; answers the booking's id once paid. */
export async function paidBooking(name: string, courseId: string, sessionId?: string): Promise<string> {
  return ((await executeServerCommand('cb-paid-booking', { name, courseId, sessionId })) as { id: string }).id;
}

/** Mounts a console element with its API client, and waits for its first render. */
export async function mountScreen<T extends HTMLElement & { updateComplete: Promise<boolean> }>(
  tag: string,
  properties: Record<string, unknown>,
): Promise<T> {
  const element = Object.assign(document.createElement(tag), properties) as unknown as T;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

/** The text of an element's shadow root, spaces collapsed. */
export function textOf(element: HTMLElement): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** An element in a shadow root. */
export function inside<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T {
  const found = element.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}
