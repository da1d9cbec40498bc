import { LitElement, html, nothing } from 'lit';
import type { AdminApi, AdminBooking as Booking } from './api.js';
import { money, statusWords, when } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

/** How often the page asks again while a refund waits for Stripe's webhook. */
const refundPollMs = 2_000;

/**
 * One booking: its history, ids, the student, links to Stripe's Dashboard, and Refund. After a
 * refund is requested the page says so and checks again until Stripe's webhook moves the booking.
 */
export class AdminBooking extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    bookingId: { attribute: false },
    booking: { state: true },
    problem: { state: true },
    confirming: { state: true },
    refunding: { state: true },
    message: { state: true },
  };

  api!: AdminApi;
  bookingId = '';
  private booking: Booking | null = null;
  private problem = '';
  private confirming = false;
  private refunding = false;
  private message = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  private async load() {
    try {
      this.booking = await this.api.get<Booking>(`/bookings/${encodeURIComponent(this.bookingId)}`);
      this.problem = '';
      clearTimeout(this.timer);
      // A refund is on its way: look again until the webhook has moved the booking.
      if (this.booking.refundRequest && this.booking.paymentStatus === 'paid') {
        this.timer = setTimeout(() => void this.load(), refundPollMs);
      } else if (this.booking.paymentStatus === 'refunded' && this.message) {
        this.message = 'Refunded: Stripe confirmed the refund.';
      }
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  private async handleRefund() {
    this.refunding = true;
    this.message = '';
    try {
      const { booking } = await this.api.post<{ booking: Booking }>(
        `/bookings/${encodeURIComponent(this.bookingId)}/refund`,
      );
      this.booking = booking;
      this.message = 'Refund requested. Stripe confirms it by webhook; this page updates when it does.';
      this.confirming = false;
      void this.load();
    } catch (error) {
      this.message = (error as Error).message;
    } finally {
      this.refunding = false;
    }
  }

  override render() {
    const b = this.booking;
    if (!b) {
      return html`<h1 tabindex="-1">Booking</h1>
        <p role="status" class=${this.problem ? 'error' : 'note'}>${this.problem || 'Loading…'}</p>
        <p><a href="#/bookings">All bookings</a></p>`;
    }
    const requested = b.refundRequest && b.paymentStatus === 'paid';
    return html`<p><a href="#/bookings">All bookings</a></p>
      <h1 tabindex="-1">Booking ${b.id}</h1>
      <dl>
        <dt>Status</dt>
        <dd>
          <span class="status ${b.paymentStatus}">${statusWords[b.paymentStatus]}</span>
          ${requested ? html` <strong>refund requested</strong>` : nothing}
        </dd>
        <dt>Course</dt>
        <dd>${b.course.title} (<code>${b.courseId}</code>)</dd>
        <dt>Student</dt>
        <dd><code>${b.userId}</code>${b.email ? html` · ${b.email}` : nothing}</dd>
        <dt>Price</dt>
        <dd>${money(b.amount, b.currency)}</dd>
        <dt>Paid</dt>
        <dd>${money(b.amountPaid, b.currency)}</dd>
        <dt>Booked from</dt>
        <dd>${b.siteOrigin}</dd>
        <dt>Attempt</dt>
        <dd>${b.attempt}</dd>
        <dt>Checkout Session</dt>
        <dd>${this.stripeLink(b.stripeSessionId, b.stripeLinks.checkoutSession)}</dd>
        <dt>Payment</dt>
        <dd>${this.stripeLink(b.stripePaymentIntentId, b.stripeLinks.payment)}</dd>
        ${
          b.refundRequest
            ? html`<dt>Refund</dt>
                <dd>
                  <code>${b.refundRequest.refundId}</code>, by
                  <span title=${b.refundRequest.by}>${b.refundRequest.byName ?? b.refundRequest.by}</span>,
                  ${when(b.refundRequest.at)}
                </dd>`
            : nothing
        }
      </dl>
      ${b.paymentStatus === 'paid' && !b.refundRequest && (b.amountPaid ?? 1) > 0 ? this.renderRefund(b) : nothing}
      <p role="status" aria-live="polite">${this.message}</p>
      <h2>History</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Status</th>
              <th scope="col">What</th>
              <th scope="col">Event</th>
            </tr>
          </thead>
          <tbody>
            ${b.history.map(
              (h) =>
                html`<tr>
                  <td>${when(h.at)}</td>
                  <td><span class="status ${h.status}">${statusWords[h.status]}</span></td>
                  <td>${h.type}</td>
                  <td>${this.stripeLink(h.eventId, b.stripeLinks[h.eventId])}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private renderRefund(b: Booking) {
    if (!this.confirming) {
      return html`<div class="actions">
        <button class="danger" @click=${() => (this.confirming = true)}>
          Refund ${money(b.amountPaid, b.currency)}
        </button>
      </div>`;
    }
    return html`<div class="actions" role="group" aria-label="Confirm the refund">
      <span>Refund ${money(b.amountPaid, b.currency)} in full through Stripe? This cannot be undone.</span>
      <button class="danger" ?disabled=${this.refunding} @click=${this.handleRefund}>
        ${this.refunding ? 'Refunding…' : 'Yes, refund'}
      </button>
      <button class="secondary" @click=${() => (this.confirming = false)}>Cancel</button>
    </div>`;
  }

  private stripeLink(id: string | null, href: string | undefined) {
    if (!id) return '—';
    return href
      ? html`<a href=${href} target="_blank" rel="noopener noreferrer"><code>${id}</code></a>`
      : html`<code>${id}</code>`;
  }
}

defineElement('admin-booking', AdminBooking);

declare global {
  interface HTMLElementTagNameMap {
    'admin-booking': AdminBooking;
  }
}
