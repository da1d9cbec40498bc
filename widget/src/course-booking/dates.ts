import { html, nothing } from 'lit';
import type { BookingStatus, CourseSession } from '../../../common/contract.js';
import type { Messages } from '../i18n/messages.js';
import { sessionWhen } from '../internal/session-time.js';

/** What the dates picker draws from: the course's sessions and the element's choice. */
export interface DatesState {
  sessions: CourseSession[];
  chosen: string | undefined;
  /** The signed-in student's bookings of these dates: a date they hold says so and cannot be picked. */
  mine: BookingStatus[];
  /** Every date, after More dates. */
  all: boolean;
  limit: number;
  seatsThreshold: number;
  /** Dates can be picked (not while a checkout starts). */
  enabled: boolean;
  lang: string | undefined;
  t: Messages;
  choose: (sessionId: string) => void;
  more: () => void;
  /** Draws the dates again: the reader's own time is ready (see `sessionWhen`). */
  later: () => void;
}

/**
 * A course's dates as a radio group under the price: each in its own time zone, the zone named,
 * with seats left when few; full and closed ones disabled; "More dates" past the limit. Drawn with
 * the price, in the same render (its styles are in the element's).
 */
export function renderDates(state: DatesState) {
  const { sessions, t } = state;
  const shown = state.all ? sessions : sessions.slice(0, state.limit);
  const seats = (s: CourseSession) =>
    s.soldOut
      ? html` · ${t.soldOut}`
      : s.seatsLeft !== undefined && s.seatsLeft <= state.seatsThreshold
        ? html` · ${(s.seatsLeft === 1 ? t.seatLeft : t.seatsLeft).replace('{n}', String(s.seatsLeft))}`
        : nothing;
  const held = (s: CourseSession) =>
    state.mine.find((b) => b.sessionId === s.id && ['paid', 'disputed', 'processing'].includes(b.paymentStatus));
  return html`<fieldset part="dates" class="dates">
    <legend class="visually-hidden">${t.dates}</legend>
    ${shown.map((s) => {
      const own = held(s);
      return html`<label
        ><input
          type="radio"
          name="date"
          .checked=${s.id === state.chosen}
          ?disabled=${!s.bookable || !state.enabled || !!own}
          @change=${() => state.choose(s.id)}
        />${sessionWhen(s, state.lang, state.later)}${
          own ? html` · ${own.paymentStatus === 'processing' ? t.processing : t.booked}` : seats(s)
        }</label
      >`;
    })}
    ${
      shown.length < sessions.length
        ? html`<button type="button" class="more" @click=${state.more}>${t.moreDates}</button>`
        : nothing
    }
  </fieldset>`;
}
