import '../src/index.js';
import type { CourseBooking } from '../src/course-booking/course-booking.js';

declare global {
  interface Window {
    CB_TEST: { api: string };
  }
}

/** The real backend the component tests run against. */
export const api = window.CB_TEST.api;

/** Adds markup to the page inside a fresh container, and returns the container. */
export function mount(markup: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = markup;
  document.body.append(container);
  return container;
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
  const element = document.createElement('course-booking');
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
