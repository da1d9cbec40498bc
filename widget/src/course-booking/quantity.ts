import { html, nothing } from 'lit';
import type { Course } from '../../../common/contract.js';
import { formatPrice } from '../internal/money.js';
import { renderAttendeeForm } from './attendee-form.js';
import { adoptOrderStyles } from './order-styles.js';
import { renderWaitlist } from './waitlist.js';
import type { BookingHost } from './view.js';

/*
 * How many seats a student buys at once, for a course that sells more than one per purchase
 * (`maxPerOrder`). Part of the flow chunk: the stepper shows once the checkout code is here, right
 * after the price, and costs nothing before it (its styles travel with it: `order-styles.ts`).
 */

/** The most seats this purchase may take: the course's limit, and the seats left of the course or of the date picked. */
export function mostSeats(host: Pick<BookingHost, 'chosen'>, course: Course): number {
  const date = course.sessions?.find((s) => s.id === host.chosen);
  const left = (date ? date.seatsLeft : course.seatsLeft) ?? Infinity;
  return Math.max(1, Math.min(course.maxPerOrder ?? 1, left));
}

/** How many seats the student asks for: their choice, within what may be bought now. */
export function seatsWanted(host: Pick<BookingHost, 'chosen' | 'quantity'>, course: Course): number {
  return Math.min(host.quantity ?? 1, mostSeats(host, course));
}

/**
 * The stepper: a labelled number input between − and + buttons, bounded by `mostSeats`, and the
 * total price beside it in a live region, so a screen reader hears it change. Nothing for a course
 * sold one seat at a time.
 */
export function renderQuantity(host: BookingHost, course: Course, lang: string | undefined) {
  if ((course.maxPerOrder ?? 1) < 2) return nothing;
  const { t } = host;
  const enabled = host.view.state === 'ready';
  const most = mostSeats(host, course);
  const wanted = seatsWanted(host, course);
  const set = (n: number) => {
    host.quantity = Math.max(1, Math.min(most, Math.round(n) || 1));
    host.requestUpdate();
  };
  const total = course.price ? formatPrice(course.price * wanted, course.currency, lang) : t.free;
  return html`<div part="quantity" class="quantity">
    <label for="cb-quantity">${t.quantity}</label>
    <button
      type="button"
      class="step"
      aria-label=${t.fewerSeats}
      aria-controls="cb-quantity"
      ?disabled=${!enabled || wanted <= 1}
      @click=${() => set(wanted - 1)}
    >
      −
    </button>
    <input
      id="cb-quantity"
      type="number"
      inputmode="numeric"
      min="1"
      max=${most}
      .value=${String(wanted)}
      ?disabled=${!enabled}
      @change=${(e: Event) => set(Number((e.target as HTMLInputElement).value))}
    />
    <button
      type="button"
      class="step"
      aria-label=${t.moreSeats}
      aria-controls="cb-quantity"
      ?disabled=${!enabled || wanted >= most}
      @click=${() => set(wanted + 1)}
    >
      +
    </button>
    <span class="total" aria-live="polite">${t.total.replace('{amount}', total)}</span>
  </div>`;
}

/** What the flow draws after the dates: the seats stepper, and the dialog asking who is coming while it is open. */
export function renderOrder(host: BookingHost, course: Course, lang: string | undefined) {
  adoptOrderStyles(host.renderRoot);
  return html`${renderQuantity(host, course, lang)}${renderWaitlist(host, course)}${renderAttendeeForm(host)}`;
}
