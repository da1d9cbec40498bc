import { html, nothing } from 'lit';
import type { Booking, CourseSession } from '../../../common/contract.js';
import { sessionWhen } from '../internal/session-time.js';
import type { DashboardMessages } from './dashboard-messages.js';

/** A move to another date under way: the dates offered (null: loading), the one chosen, and what went wrong. */
export interface Moving {
  id: string;
  dates: CourseSession[] | null;
  sending: boolean;
  /** Why the last try did not move it (a message of the dashboard's). */
  problem: keyof DashboardMessages | null;
}

/** What the move's buttons do. */
export interface MoveActions {
  start: () => void;
  move: (sessionId: string) => void;
  keep: () => void;
}

/** The dates a booking may move to: its course's other bookable sessions. */
export const otherDates = (booking: Booking, dates: CourseSession[]): CourseSession[] =>
  dates.filter((date) => date.id !== booking.sessionId && date.bookable);

/**
 * Move to another date, while the course's policy allows: a button; then the other dates with a
 * seat, each in its own zone with the zone named, to choose one; then the move.
 */
export function renderMove(
  booking: Booking,
  moving: Moving | null,
  t: DashboardMessages,
  lang: string | undefined,
  actions: MoveActions,
) {
  const offer = booking.cancellation;
  if (!booking.sessionId || !offer || booking.paymentStatus !== 'paid') return nothing;
  // The policy lets bookings move, but no longer this one: say why there is no button.
  if (!offer.moveUntil) {
    return offer.policy?.moveUntilHoursBefore === undefined ? nothing : html`<p class="note">${t.moveClosed}</p>`;
  }
  if (moving?.id !== booking.id) {
    return html`<button type="button" @click=${actions.start}>${t.move}</button>`;
  }
  const problem = moving.problem ? html`<p role="alert">${t[moving.problem] as string}</p>` : nothing;
  if (!moving.dates)
    return html`${problem}
      <p role="status">${t.moveLoading}</p>`;
  const dates = otherDates(booking, moving.dates);
  if (dates.length === 0) {
    return html`${problem}
      <p role="status">${t.moveNone}</p>
      <button type="button" class="link" @click=${actions.keep}>${t.cancelKeep}</button>`;
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = new FormData(event.target as HTMLFormElement).get('date');
    if (typeof chosen === 'string') actions.move(chosen);
  };
  return html`<form class="move" @submit=${submit}>
    <fieldset>
      <legend>${t.moveAsk}</legend>
      ${dates.map(
        (date, i) =>
          html`<label
            ><input type="radio" name="date" value=${date.id} ?checked=${i === 0} />
            ${sessionWhen(date, lang)}${date.location ? ` · ${date.location}` : ''}</label
          >`,
      )}
    </fieldset>
    ${problem}
    <button type="submit" ?disabled=${moving.sending}>${t.moveYes}</button>
    <button type="button" class="link" @click=${actions.keep}>${t.cancelKeep}</button>
  </form>`;
}
