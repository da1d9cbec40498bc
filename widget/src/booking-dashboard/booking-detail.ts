import { html, nothing } from 'lit';
import type { Booking } from '../../../common/contract.js';
import { policySentence } from '../../../common/policy-sentence.js';
import { formatPrice } from '../internal/money.js';
import { renderAttendees, type AttendeeActions, type EditingAttendees } from './booking-attendees.js';
import { renderMove, type MoveActions, type Moving } from './booking-move.js';
import { dateLabel, formatDate, statusText } from './booking-text.js';
import type { DashboardMessages } from './dashboard-messages.js';

/** What one booking's detail draws from: the booking, the page's language, and the dashboard's state around it. */
export interface DetailState {
  booking: Booking;
  t: DashboardMessages;
  lang: string | undefined;
  /** The invoice asked for (of this booking, or of another one shown before). */
  invoice: { bookingId: string; number: string | null; url: string | null } | null;
  /** Cancel asked: the question shows (and, once answered, is being sent). */
  asking: { id: string; sending: boolean } | null;
  moving: Moving | null;
  /** The booking just moved, and its new date. */
  moved: { id: string; when: string } | null;
  /** A change of who is coming under way, and the booking whose change was just saved. */
  editing: EditingAttendees | null;
  attendeesSaved: string | null;
}

/** What the detail's buttons do. */
export interface DetailActions {
  back: () => void;
  /** Cancel: ask first. */
  ask: () => void;
  /** Yes, cancel. */
  cancel: () => void;
  /** No, keep the booking. */
  keep: () => void;
  move: MoveActions;
  attendees: AttendeeActions;
}

/** One booking: its status and amounts, invoice, policy, Cancel and Move, history and the ids support asks for. */
export function renderDetail(state: DetailState, actions: DetailActions) {
  const { booking, t, lang } = state;
  return html`<h3 tabindex="-1" data-focus>${booking.course.title}</h3>
    <dl>
      <dt>${t.status}</dt>
      <dd><span class="badge ${booking.paymentStatus}">${statusText(booking, t)}</span></dd>
      ${
        booking.quantity > 1
          ? html`<dt>${t.seats}</dt>
              <dd>${booking.quantity}</dd>`
          : nothing
      }
      <dt>${t.amount}</dt>
      <dd>${booking.amount ? formatPrice(booking.amount, booking.currency, lang) : t.free}</dd>
      ${
        booking.amountPaid !== null && booking.amountPaid !== booking.amount
          ? html`<dt>${t.amountPaid}</dt>
              <dd>${formatPrice(booking.amountPaid, booking.currency, lang)}</dd>`
          : nothing
      }
      ${
        booking.amountRefunded > 0
          ? html`<dt>${t.amountRefunded}</dt>
              <dd>${formatPrice(booking.amountRefunded, booking.currency, lang)}</dd>`
          : nothing
      }
      <dt>${dateLabel(booking, t)}</dt>
      <dd>${formatDate(booking.createdAt, lang)}</dd>
      ${booking.invoiceId ? renderInvoice(state) : nothing}
    </dl>
    ${
      booking.cancellation?.policy
        ? html`<p class="policy">${policySentence(booking.cancellation.policy, lang, !!booking.sessionId)}</p>`
        : nothing
    }
    ${renderCancel(state, actions)} ${renderMove(booking, state.moving, t, lang, actions.move)}
    ${state.moved?.id === booking.id ? html`<p role="status">${t.moved.replace('{when}', state.moved.when)}</p>` : nothing}
    ${renderAttendees(booking, state.editing, state.attendeesSaved === booking.id, t, actions.attendees)}
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
    <button type="button" @click=${actions.back}>${t.back}</button>`;
}

/** The booking's invoice: a link to Stripe's page, or that it is on its way. */
function renderInvoice({ booking, t, invoice: known }: DetailState) {
  const invoice = known?.bookingId === booking.id ? known : null;
  return html`<dt>${t.invoice}</dt>
    <dd>
      ${
        invoice?.url
          ? html`<a href=${invoice.url} target="_blank" rel="noopener noreferrer">${invoice.number ?? t.invoice}</a>`
          : t.invoicePending
      }
    </dd>`;
}

/**
 * A paid booking's Cancel: a question first that says exactly what comes back, then the
 * cancellation; outside the course's policy, why there is no button.
 */
function renderCancel({ booking, t, lang, asking }: DetailState, actions: DetailActions) {
  const offer = booking.cancellation;
  if (booking.paymentStatus !== 'paid' || !offer) return nothing;
  if (!offer.allowed) return html`<p class="note">${t.cancelClosed}</p>`;
  if (asking?.id !== booking.id) {
    return html`<button type="button" @click=${actions.ask}>${t.cancel}</button>`;
  }
  const amount = offer.refundAmount ? formatPrice(offer.refundAmount, booking.currency, lang) : '';
  return html`<div role="group" aria-labelledby="cancel-ask">
    <p id="cancel-ask" role="status">${amount ? t.cancelAsk.replace('{amount}', amount) : t.cancelAskNothing}</p>
    <button type="button" ?disabled=${asking.sending} @click=${actions.cancel}>${t.cancelYes}</button>
    <button type="button" class="link" @click=${actions.keep}>${t.cancelKeep}</button>
  </div>`;
}
