import { html, nothing } from 'lit';
import type { Booking } from '../../../common/contract.js';
import { getBooking, listBookings } from '../api/bookings.js';
import { ApiError } from '../api/client.js';
import { AuthError, authClientFor } from '../auth/auth-client.js';
import { BackendElement } from '../internal/backend-element.js';
import { defineElement } from '../internal/define.js';
import { formatPrice, inLocale, languageOf } from '../internal/money.js';
import { dashboardMessages, type DashboardMessages } from './dashboard-messages.js';
import { styles } from './booking-dashboard.styles.js';

type View =
  | { state: 'signed-out'; note?: keyof DashboardMessages }
  | { state: 'loading' }
  | { state: 'list'; bookings: Booking[] }
  | { state: 'detail'; booking: Booking; bookings: Booking[] }
  | { state: 'error' };

/**
 * The signed-in student's bookings: course, amount, status and date, and one booking's history
 * with the ids support asks for. Signs in with the same popup as `<course-booking>`.
 *
 * @tag booking-dashboard
 * @cssproperty --cb-accent - accent colour of buttons
 * @cssproperty --cb-text - text colour (default: inherited)
 * @cssproperty --cb-background - panel background
 * @cssproperty --cb-border - panel and row borders
 * @cssproperty --cb-radius - corner radius
 * @cssproperty --cb-spacing - inner spacing
 *
 * @attr api - the backend origin; defaults to the origin dashboard.js was loaded from
 * @attr theme - `light`, `dark` or `auto` (follows the system); unset, the page's colours
 */
export class BookingDashboard extends BackendElement {
  static override styles = styles;
  static override properties = {
    ...BackendElement.properties,
    view: { state: true },
  };

  private view: View = { state: 'signed-out' };

  override connectedCallback(): void {
    super.connectedCallback();
    // With a token source or a token already in memory, no click is needed.
    if (this.getToken || authClientFor(this.apiBase).current()) void this.refresh();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('getToken') && this.getToken && this.view.state === 'signed-out') void this.refresh();
    if (changed.has('view')) this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
  }

  private async token(): Promise<string | null | undefined> {
    return this.getToken ? this.getToken() : authClientFor(this.apiBase).current();
  }

  private async refresh(): Promise<void> {
    this.view = { state: 'loading' };
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out' });
      const { bookings } = await listBookings(this.apiBase, token);
      this.view = { state: 'list', bookings };
    } catch (error) {
      this.handleFailure(error);
    }
  }

  private handleFailure(error: unknown): void {
    if (error instanceof ApiError && error.code === 'unauthenticated') {
      authClientFor(this.apiBase).clear();
      this.view = { state: 'signed-out', note: 'expired' };
    } else {
      this.view = { state: 'error' };
    }
  }

  /** Synchronous up to the popup, so blockers let it open. */
  private handleSignIn(): void {
    authClientFor(this.apiBase)
      .signIn()
      .then(
        () => this.refresh(),
        (error: unknown) => {
          const blocked = error instanceof AuthError && error.code === 'popup_blocked';
          this.view = { state: 'signed-out', note: blocked ? 'popupBlocked' : 'popupClosed' };
        },
      );
  }

  private async handleDetails(id: string, bookings: Booking[]): Promise<void> {
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      this.view = { state: 'detail', booking: await getBooking(this.apiBase, token, id), bookings };
    } catch (error) {
      this.handleFailure(error);
    }
  }

  override render() {
    const t = dashboardMessages(languageOf(this));
    return html`<section class="panel" aria-labelledby="heading" aria-busy=${this.view.state === 'loading'}>
      <h2 id="heading">${t.heading}</h2>
      ${this.renderView(t)}
    </section>`;
  }

  private renderView(t: DashboardMessages) {
    const view = this.view;
    switch (view.state) {
      case 'signed-out':
        return html`<p>${t.signInPrompt}</p>
          ${view.note ? html`<p role="alert">${t[view.note] as string}</p>` : nothing}
          <button type="button" @click=${this.handleSignIn}>${t.signIn}</button>`;
      case 'loading':
        return html`<p role="status">${t.loading}</p>`;
      case 'error':
        return html`<p role="alert">${t.failed}</p>
          <button type="button" @click=${() => void this.refresh()}>${t.tryAgain}</button>`;
      case 'list':
        return view.bookings.length === 0
          ? html`<p role="status">${t.empty}</p>`
          : html`<ul>
              ${view.bookings.map((b) => this.renderRow(b, view.bookings, t))}
            </ul>`;
      case 'detail':
        return this.renderDetail(view.booking, view.bookings, t);
    }
  }

  private renderRow(booking: Booking, all: Booking[], t: DashboardMessages) {
    const lang = languageOf(this);
    return html`<li>
      <strong>${booking.course.title}</strong>
      <span>${paidText(booking, lang, t)}</span>
      <span class="badge ${booking.paymentStatus}">${t.statuses[booking.paymentStatus]}</span>
      <button
        type="button"
        class="link"
        aria-label="${t.details}: ${booking.course.title}"
        @click=${() => void this.handleDetails(booking.id, all)}
      >
        ${t.details}
      </button>
      <span class="meta">${t.date} ${formatDate(booking.createdAt, lang)}</span>
    </li>`;
  }

  private renderDetail(booking: Booking, all: Booking[], t: DashboardMessages) {
    const lang = languageOf(this);
    return html`<h3 tabindex="-1" data-focus>${booking.course.title}</h3>
      <dl>
        <dt>${t.status}</dt>
        <dd><span class="badge ${booking.paymentStatus}">${t.statuses[booking.paymentStatus]}</span></dd>
        <dt>${t.amount}</dt>
        <dd>${booking.amount ? formatPrice(booking.amount, booking.currency, lang) : t.free}</dd>
        ${
          booking.amountPaid !== null && booking.amountPaid !== booking.amount
            ? html`<dt>${t.amountPaid}</dt>
                <dd>${formatPrice(booking.amountPaid, booking.currency, lang)}</dd>`
            : nothing
        }
        <dt>${t.date}</dt>
        <dd>${formatDate(booking.createdAt, lang)}</dd>
      </dl>
      <h4>${t.history}</h4>
      <ol>
        ${booking.history.map((h) => html`<li>${t.statuses[h.status]} · ${formatDate(h.at, lang, true)}</li>`)}
      </ol>
      <h4>${t.reference}</h4>
      <dl>
        <dt>${t.bookingId}</dt>
        <dd><code>${booking.id}</code></dd>
        ${
          booking.stripeSessionId
            ? html`<dt>${t.sessionId}</dt>
                <dd><code>${booking.stripeSessionId}</code></dd>`
            : nothing
        }
        ${
          booking.stripePaymentIntentId
            ? html`<dt>${t.paymentId}</dt>
                <dd><code>${booking.stripePaymentIntentId}</code></dd>`
            : nothing
        }
      </dl>
      <button type="button" @click=${() => (this.view = { state: 'list', bookings: all })}>${t.back}</button>`;
  }
}

function formatDate(iso: string, lang: string | undefined, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'medium', timeStyle: 'short' }
    : { dateStyle: 'medium' };
  return inLocale(lang, (tag) => new Intl.DateTimeFormat(tag, options).format(new Date(iso)));
}

defineElement('booking-dashboard', BookingDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'booking-dashboard': BookingDashboard;
  }
}

/** What the student paid (after a promotion code), or Free. */
function paidText(booking: Booking, lang: string | undefined, t: DashboardMessages): string {
  return booking.amount ? formatPrice(booking.amountPaid ?? booking.amount, booking.currency, lang) : t.free;
}
