import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineElement } from '../internal/define.js';
import type { Course } from '../../../server/src/contract.js';
import { ApiError, fetchCourse, scriptOrigin } from '../api/client.js';
import type { TokenSource } from '../auth/auth-client.js';
import {
  CbCheckoutStartEvent,
  CbErrorEvent,
  CbReadyEvent,
  CbRedirectEvent,
  type CbErrorCode,
} from '../events/events.js';
import { startCheckout, type CheckoutOutcome } from './checkout.js';
import { formatPrice, languageOf } from '../internal/money.js';
import { styles } from './course-booking.styles.js';

type View =
  | { state: 'loading' }
  | { state: 'ready'; course: Course; note?: string }
  | { state: 'signing-in' | 'creating' | 'redirecting' | 'booked'; course: Course }
  | { state: 'error'; code: CbErrorCode; message: string };

/** What the live region says in each busy state. */
const announcements: Partial<Record<View['state'], string>> = {
  loading: 'Loading price…',
  'signing-in': 'Signing in…',
  creating: 'Opening the checkout…',
  redirecting: 'Going to the checkout…',
  booked: 'Booked.',
};

/**
 * Shows a course's title and price from the booking backend.
 *
 * @fires cb-ready - the course loaded; `event.course` holds it
 * @fires cb-error - the widget shows an error; `event.code` says which
 * @fires cb-checkout-start - Book & Pay was pressed; cancelable: `preventDefault()` stops the checkout
 * @fires cb-redirect - the page is about to go to Stripe Checkout (`event.url`); cancelable: the host navigates itself
 * @csspart title - the course title
 * @csspart price - the formatted price
 * @csspart status - the live region that announces state changes
 * @csspart error - the error message
 * @csspart button - the Book & Pay (or Try again) button
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

  /** Where Stripe sends the student back; defaults to this page. Must be on an allowed origin. */
  @property({ attribute: 'return-url' }) returnUrl = '';

  /** Supplies tokens directly, for sites that run the operator's Clerk (no popup then). */
  @property({ attribute: false }) getToken: TokenSource | undefined = undefined;

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

  /** Book & Pay. Synchronous up to the sign-in popup, so popup blockers let it open. */
  private handleBook(): void {
    const view = this.view;
    if (view.state !== 'ready') return;
    const course = view.course;
    if (!this.dispatchEvent(new CbCheckoutStartEvent(course))) return;
    this.view = { state: 'signing-in', course };
    void startCheckout({
      api: this.api || scriptOrigin,
      course,
      returnUrl: this.returnUrl || location.href,
      getToken: this.getToken,
      onSignedIn: () => (this.view = { state: 'creating', course }),
    }).then((outcome) => this.finishCheckout(course, outcome));
  }

  private finishCheckout(course: Course, outcome: CheckoutOutcome): void {
    if (outcome.kind === 'booked') {
      this.view = { state: 'booked', course };
      return;
    }
    if (outcome.kind === 'failed') {
      this.view = { state: 'ready', course, note: outcome.message };
      this.dispatchEvent(new CbErrorEvent(outcome.code, outcome.message));
      return;
    }
    const checkout = outcome.response.checkout;
    if (!('url' in checkout)) return;
    if (!this.dispatchEvent(new CbRedirectEvent(checkout.url, outcome.response.booking.id))) {
      this.view = { state: 'ready', course };
      return;
    }
    this.view = { state: 'redirecting', course };
    window.top!.location.href = checkout.url;
  }

  override render() {
    const view = this.view;
    return html`<div class="card" aria-busy=${view.state === 'loading' ? 'true' : 'false'}>
      ${
        view.state === 'loading'
          ? html`<p class="title skeleton"></p>
              <p class="price skeleton"></p>
              <div></div>`
          : view.state === 'error'
            ? this.renderError(view.code, view.message)
            : this.renderCourse(view)
      }
      <span part="status" class="visually-hidden" role="status" aria-live="polite"
        >${announcements[view.state] ?? nothing}</span
      >
    </div>`;
  }

  private renderCourse(view: Exclude<View, { state: 'loading' | 'error' }>) {
    const { course } = view;
    const price = formatPrice(course.price, course.currency, languageOf(this));
    const busy = view.state !== 'ready';
    return html`<p part="title" class="title" title=${course.title}>${course.title}</p>
      <p part="price" class="price">${price}</p>
      <div class="actions">
        ${
          view.state === 'booked'
            ? html`<span class="badge">Booked</span>`
            : html`<button
                part="button"
                type="button"
                aria-label="Book &amp; Pay: ${course.title}, ${price}"
                aria-busy=${busy ? 'true' : 'false'}
                aria-disabled=${busy ? 'true' : 'false'}
                @click=${this.handleBook}
              >
                ${busy ? 'Please wait…' : 'Book & Pay'}
              </button>`
        }
        ${view.state === 'ready' && view.note ? html`<span class="note" role="alert">${view.note}</span>` : nothing}
      </div>`;
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
