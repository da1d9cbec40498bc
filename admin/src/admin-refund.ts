import { LitElement, html } from 'lit';
import type { AdminApi, AdminBooking as Booking } from './api.js';
import { field, markInvalid } from './form-fields.js';
import { money, toMajorUnits, toMinorUnits } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

/** What is left to send back of a booking's payment. */
export const leftToRefund = (b: Booking): number => Math.max(0, (b.amountPaid ?? 0) - b.amountRefunded);

/**
 * Refund on a booking's page: an amount (what is left, to start with) and a reason, then a
 * confirmation that names the amount. Fires `refunded` with the API's answer.
 */
export class AdminRefund extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    booking: { attribute: false },
    asked: { state: true },
    fields: { state: true },
    refunding: { state: true },
  };

  api!: AdminApi;
  booking!: Booking;
  /** The refund waiting for the operator's yes. */
  private asked: { amount: number; reason: string } | null = null;
  private fields: Record<string, string> = {};
  private refunding = false;

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const b = this.booking;
    const amount = toMinorUnits(String(form.get('amount')), b.currency);
    const left = leftToRefund(b);
    if (amount === null || amount <= 0 || amount > left) {
      this.fields = { amount: `Enter an amount up to ${money(left, b.currency)}.` };
      return;
    }
    this.fields = {};
    this.asked = { amount, reason: String(form.get('reason') ?? '').trim() };
  }

  private async handleConfirm() {
    const asked = this.asked!;
    this.refunding = true;
    try {
      const answer = await this.api.post<{ booking: Booking; refund: { amount: number } }>(
        `/bookings/${encodeURIComponent(this.booking.id)}/refund`,
        { amount: asked.amount, ...(asked.reason ? { reason: asked.reason } : {}) },
      );
      this.asked = null;
      this.dispatchEvent(new CustomEvent('refunded', { detail: answer, bubbles: true, composed: true }));
    } catch (error) {
      const failure = error as Error & { fields?: Record<string, string> };
      this.fields = failure.fields ?? { amount: failure.message };
      this.asked = null;
    } finally {
      this.refunding = false;
    }
  }

  override render() {
    const b = this.booking;
    const left = leftToRefund(b);
    if (this.asked) {
      const { amount } = this.asked;
      const whole = amount === left && b.amountRefunded === 0;
      return html`<div class="actions" role="group" aria-label="Confirm the refund">
        <span
          >Refund ${money(amount, b.currency)}${whole ? ' in full' : ` of the ${money(b.amountPaid, b.currency)} paid`}
          through Stripe? This cannot be undone.</span
        >
        <button class="danger" ?disabled=${this.refunding} @click=${this.handleConfirm}>
          ${this.refunding ? 'Refunding…' : 'Yes, refund'}
        </button>
        <button class="secondary" ?disabled=${this.refunding} @click=${() => (this.asked = null)}>Cancel</button>
      </div>`;
    }
    return html`<form class="actions refund" @submit=${this.handleSubmit} novalidate>
      ${field(
        'amount',
        `Amount (${b.currency.toUpperCase()}, up to ${money(left, b.currency)})`,
        html`<input name="amount" inputmode="decimal" required .value=${toMajorUnits(left, b.currency)} />`,
        this.fields,
      )}
      ${field('reason', 'Reason (optional)', html`<input name="reason" maxlength="500" />`, this.fields)}
      <button class="danger" type="submit">Refund…</button>
    </form>`;
  }

  protected override updated(): void {
    markInvalid(this.renderRoot, this.fields);
  }
}

defineElement('admin-refund', AdminRefund);

declare global {
  interface HTMLElementTagNameMap {
    'admin-refund': AdminRefund;
  }
}
