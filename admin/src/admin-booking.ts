import { LitElement, html, nothing } from 'lit';
import type { AdminApi, AdminBooking as Booking } from './api.js';
import { money, statusWords, when } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';
import { leftToRefund } from './admin-refund.js';

/** States whose payment the operator may send back, in part or the rest. */
const refundable = ['paid', 'cancelled'];

/** How long after a partial refund the page looks for Stripe's webhook of it. */
const partialWaitMs = 5 * 60_000;

/** A partial refund made a moment ago that Stripe's webhook has not added to the history yet. */
function awaitsWebhook(b: Booking): boolean {
  const last = b.refunds.at(-1);
  const inHistory = b.history.reduce((sum, h) => sum + (h.amount ?? 0), 0);
  return !!last && Date.now() - Date.parse(last.at) < partialWaitMs && b.amountRefunded > inHistory;
}

/** How often the page asks again while a refund waits for Stripe's webhook. */
const refundPollMs = 2_000;

/**
 * One booking: its history, ids, the student, links to Stripe's Dashboard, what went back, and
 * Refund (a part or the rest). After a refund of the rest the page says so and checks again until
 * Stripe's webhook moves the booking.
 */
export class AdminBooking extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    bookingId: { attribute: false },
    booking: { state: true },
    problem: { state: true },
    message: { state: true },
    invoice: { state: true },
  };

  api!: AdminApi;
  bookingId = '';
  private booking: Booking | null = null;
  private problem = '';
  private message = '';
  /** The booking's invoice, read from Stripe when the page loads (`url` null: not finalized yet). */
  private invoice: { number: string | null; url: string | null } | null = null;
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
      if (this.booking.invoiceId && !this.invoice?.url) {
        const path = `/bookings/${encodeURIComponent(this.bookingId)}/invoice`;
        this.invoice = await this.api.get<{ number: string | null; url: string | null }>(path).catch(() => null);
      }
      clearTimeout(this.timer);
      // A refund is on its way: look again until the webhook has moved the booking.
      if ((this.booking.refundRequest && this.booking.paymentStatus === 'paid') || awaitsWebhook(this.booking)) {
        this.timer = setTimeout(() => void this.load(), refundPollMs);
      } else if (this.booking.paymentStatus === 'refunded' && this.message) {
        this.message = 'Refunded: Stripe confirmed the refund.';
      }
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  private handleRefunded(event: CustomEvent<{ booking: Booking; refund: { amount: number } }>) {
    const { booking, refund } = event.detail;
    this.booking = booking;
    const amount = money(refund.amount, booking.currency);
    this.message = booking.refundRequest
      ? `Refund of ${amount} requested. Stripe confirms it by webhook; this page updates when it does.`
      : `Refunded ${amount}. Stripe's webhook adds it to the history.`;
    void this.load();
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
        ${
          b.quantity > 1
            ? html`<dt>Seats</dt>
                <dd>${b.quantity}</dd>`
            : nothing
        }
        ${
          b.attendees?.length
            ? html`<dt>Attendees</dt>
                <dd>
                  <ol class="attendees">
                    ${b.attendees.map(
                      (a) =>
                        html`<li>
                          ${a.name}${a.email ? ` · ${a.email}` : ''}${Object.entries(a.answers).map(
                            ([id, value]) => html`<br /><span class="note">${id}: ${answerText(value)}</span>`,
                          )}
                        </li>`,
                    )}
                  </ol>
                </dd>`
            : nothing
        }
        <dt>Price</dt>
        <dd>${money(b.amount, b.currency)}</dd>
        <dt>Paid</dt>
        <dd>${money(b.amountPaid, b.currency)}</dd>
        ${
          b.amountRefunded > 0
            ? html`<dt>Refunded</dt>
                <dd>${money(b.amountRefunded, b.currency)} of ${money(b.amountPaid, b.currency)}</dd>`
            : nothing
        }
        <dt>Booked from</dt>
        <dd>${b.siteOrigin}</dd>
        ${
          b.tracking
            ? html`<dt>Came from</dt>
                <dd>
                  ${Object.entries(b.tracking)
                    .map(([key, value]) => `${key}: ${value}`)
                    .join(' · ')}
                </dd>`
            : nothing
        }
        <dt>Attempt</dt>
        <dd>${b.attempt}</dd>
        <dt>Checkout Session</dt>
        <dd>${this.stripeLink(b.stripeSessionId, b.stripeLinks.checkoutSession)}</dd>
        <dt>Payment</dt>
        <dd>${this.stripeLink(b.stripePaymentIntentId, b.stripeLinks.payment)}</dd>
        ${
          b.invoiceId
            ? html`<dt>Invoice</dt>
                <dd>
                  ${this.stripeLink(b.invoiceId, b.stripeLinks.invoice)}
                  ${
                    this.invoice?.url
                      ? html` ·
                          <a href=${this.invoice.url} target="_blank" rel="noopener noreferrer"
                            >${this.invoice.number ?? 'Hosted invoice'}</a
                          >`
                      : ' · not finalized yet'
                  }
                </dd>`
            : nothing
        }
        ${
          b.refunds.length > 0
            ? html`<dt>Refunds</dt>
                <dd>
                  <ul class="refunds">
                    ${b.refunds.map(
                      (r) =>
                        html`<li>
                          ${money(r.amount, b.currency)} by <span title=${r.by}>${r.byName ?? r.by}</span>,
                          ${when(r.at)}${r.reason ? html`: ${r.reason}` : nothing} (<code>${r.id}</code>)
                        </li>`,
                    )}
                  </ul>
                </dd>`
            : nothing
        }
      </dl>
      ${
        refundable.includes(b.paymentStatus) && !b.refundRequest && b.stripePaymentIntentId && leftToRefund(b) > 0
          ? html`<admin-refund .api=${this.api} .booking=${b} @refunded=${this.handleRefunded}></admin-refund>`
          : nothing
      }
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
                  <td>
                    ${h.type}${h.amount ? ` · ${money(h.amount, b.currency)} back` : ''}${
                      h.move ? ` · ${h.move.from} → ${h.move.to}, by ${h.move.by}` : ''
                    }
                  </td>
                  <td>${this.stripeLink(h.eventId, b.stripeLinks[h.eventId])}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private stripeLink(id: string | null, href: string | undefined) {
    if (!id) return '—';
    return href
      ? html`<a href=${href} target="_blank" rel="noopener noreferrer"><code>${id}</code></a>`
      : html`<code>${id}</code>`;
  }
}

/** An answer as the console shows it: the text, or Yes and No for a checkbox. */
function answerText(value: string | boolean): string {
  return typeof value === 'boolean' ? (value ? 'Yes' : 'No') : value;
}

defineElement('admin-booking', AdminBooking);

declare global {
  interface HTMLElementTagNameMap {
    'admin-booking': AdminBooking;
  }
}
