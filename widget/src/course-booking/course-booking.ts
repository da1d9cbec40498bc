import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineElement } from '../internal/define.js';
import type { Course } from '../../../server/src/contract.js';
import { ApiError, fetchCourse, scriptOrigin } from '../api/client.js';
import { CbErrorEvent, CbReadyEvent, type CbErrorCode } from '../events/events.js';
import { formatPrice, languageOf } from '../internal/money.js';
import { styles } from './course-booking.styles.js';

type View =
  { state: 'loading' } | { state: 'ready'; course: Course } | { state: 'error'; code: CbErrorCode; message: string };

/**
 * Shows a course's title and price from the booking backend.
 *
 * @fires cb-ready - the course loaded; `event.course` holds it
 * @fires cb-error - the widget shows an error; `event.code` says which
 * @csspart title - the course title
 * @csspart price - the formatted price
 * @csspart status - the live region that announces state changes
 * @csspart error - the error message
 * @csspart button - the retry button
 * @cssproperty --cb-accent - accent colour of buttons
 * @cssproperty --cb-accent-text - text colour on the accent
 * @cssproperty --cb-text - text colour
 * @cssproperty --cb-background - card background
 * @cssproperty --cb-border - card border
 * @cssproperty --cb-radius - corner radius
 * @cssproperty --cb-spacing - inner spacing
 * @cssproperty --cb-error - colour of error text
 */
export class CourseBooking extends LitElement {
  static override styles = styles;

  /** The course id (slug) to show. */
  @property({ reflect: true }) course = '';

  /** The backend origin; defaults to the origin widget.js was loaded from. */
  @property() api = '';

  @state() private view: View = { state: 'loading' };

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('course') || changed.has('api')) void this.load();
  }

  private async load(): Promise<void> {
    this.view = { state: 'loading' };
    if (!this.course) return this.fail('missing_course', 'No course is set on this element.');
    const course = this.course;
    try {
      const loaded = await fetchCourse(this.api || scriptOrigin, course);
      if (course !== this.course) return;
      this.view = { state: 'ready', course: loaded };
      this.dispatchEvent(new CbReadyEvent(loaded));
    } catch (error) {
      if (course !== this.course) return;
      const code =
        error instanceof ApiError && error.code === 'course_not_found' ? 'course_not_found' : networkCode(error);
      this.fail(
        code,
        code === 'course_not_found' ? 'This course is not available.' : 'Prices cannot be loaded right now.',
      );
    }
  }

  private fail(code: CbErrorCode, message: string): void {
    this.view = { state: 'error', code, message };
    this.dispatchEvent(new CbErrorEvent(code, message));
  }

  private handleRetry(): void {
    void this.load();
  }

  override render() {
    const view = this.view;
    return html`<div class="card" aria-busy=${view.state === 'loading' ? 'true' : 'false'}>
      ${
        view.state === 'loading'
          ? html`<p class="title skeleton"></p>
              <p class="price skeleton"></p>
              <div></div>`
          : view.state === 'ready'
            ? this.renderCourse(view.course)
            : this.renderError(view.code, view.message)
      }
      <span part="status" class="visually-hidden" role="status" aria-live="polite"
        >${view.state === 'loading' ? 'Loading price…' : nothing}</span
      >
    </div>`;
  }

  private renderCourse(course: Course) {
    return html`<p part="title" class="title" title=${course.title}>${course.title}</p>
      <p part="price" class="price">${formatPrice(course.price, course.currency, languageOf(this))}</p>
      <div class="actions"></div>`;
  }

  private renderError(code: CbErrorCode, message: string) {
    const retry = code === 'network_error' || code === 'server_error';
    return html`<p part="error" class="message error" role="alert" data-code=${code}>${message}</p>
      <div class="actions">
        ${retry ? html`<button part="button" type="button" @click=${this.handleRetry}>Try again</button>` : nothing}
      </div>`;
  }
}

defineElement('course-booking', CourseBooking);

function networkCode(error: unknown): CbErrorCode {
  return error instanceof ApiError && error.code === 'network_error' ? 'network_error' : 'server_error';
}

declare global {
  interface HTMLElementTagNameMap {
    'course-booking': CourseBooking;
  }
}
