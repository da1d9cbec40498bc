import { LitElement, html, nothing } from 'lit';
import type { Question } from '../../common/contract.js';
import type { AdminApi, AdminSession, Attendee } from './api.js';
import { money, statusWords, when } from './format.js';
import { inZone } from './zoned-time.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';
import './admin-waitlist.js';

/**
 * One date of a course: who comes (paid, processing and disputed bookings), to read, print or save
 * as CSV, and Move, which takes a booking to another date of the course with its seat and payment.
 */
export class AdminSessionAttendees extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    courseId: { attribute: false },
    sessionId: { attribute: false },
    session: { state: true },
    others: { state: true },
    attendees: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  api!: AdminApi;
  courseId = '';
  sessionId = '';
  private session: AdminSession | null = null;
  /** The dates a booking may move to: the course's others, not cancelled, not started. */
  private others: AdminSession[] = [];
  private attendees: Attendee[] | null = null;
  private questions: Question[] = [];
  private message = '';
  private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get base() {
    return `/courses/${encodeURIComponent(this.courseId)}/sessions`;
  }

  private async load() {
    try {
      const [{ sessions }, { attendees, questions }] = await Promise.all([
        this.api.get<{ sessions: AdminSession[] }>(this.base),
        this.api.get<{ attendees: Attendee[]; questions: Question[] }>(
          `${this.base}/${encodeURIComponent(this.sessionId)}/attendees`,
        ),
      ]);
      this.questions = questions;
      this.session = sessions.find((s) => s.id === this.sessionId) ?? null;
      this.others = sessions.filter(
        (s) => s.id !== this.sessionId && !s.cancelled && Date.parse(s.startsAt) > Date.now(),
      );
      this.attendees = attendees;
    } catch (error) {
      this.message = (error as Error).message;
    }
  }

  private async handleMove(event: SubmitEvent, attendee: Attendee) {
    event.preventDefault();
    const to = String(new FormData(event.target as HTMLFormElement).get('to') ?? '');
    const target = this.others.find((s) => s.id === to);
    if (!target) return;
    this.busy = true;
    try {
      await this.api.post(`/bookings/${encodeURIComponent(attendee.bookingId)}/move`, { sessionId: to });
      await this.load();
      this.message = `Moved ${attendee.email ?? attendee.userId} to ${inZone(target.startsAt, target.timeZone)}.`;
    } catch (error) {
      this.message = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private async handleCsv() {
    try {
      const path = `${this.base}/${encodeURIComponent(this.sessionId)}/attendees`;
      await this.api.download(path, {}, `attendees-${this.courseId}-${this.sessionId}.csv`);
    } catch (error) {
      this.message = (error as Error).message;
    }
  }

  override render() {
    const s = this.session;
    const title = s ? `Attendees · ${inZone(s.startsAt, s.timeZone)}` : 'Attendees';
    return html`<p class="no-print"><a href="#/courses/${encodeURIComponent(this.courseId)}">Back to the course</a></p>
      <h1 tabindex="-1">${title}</h1>
      ${
        s
          ? html`<p>
              <code>${this.courseId}</code> · <code>${s.id}</code>${s.location ? html` · ${s.location}` : nothing} ·
              ${s.capacity === null ? `${s.seatsTaken} seats taken` : `${s.seatsTaken} of ${s.capacity} seats taken`}
              ${s.cancelled ? html` · <span class="status cancelled">Cancelled</span>` : nothing}
            </p>`
          : nothing
      }
      <div class="actions">
        <button class="secondary" @click=${() => window.print()}>Print</button>
        <button class="secondary" @click=${() => void this.handleCsv()}>Download CSV</button>
      </div>
      <p role="status" aria-live="polite">${this.message}</p>
      ${this.attendees === null ? html`<p class="note">Loading…</p>` : this.renderTable(this.attendees)}
      <admin-waitlist
        class="no-print"
        .api=${this.api}
        .courseId=${this.courseId}
        .sessionId=${this.sessionId}
      ></admin-waitlist>`;
  }

  private renderTable(attendees: Attendee[]) {
    if (attendees.length === 0) return html`<p class="note">Nobody has booked this date yet.</p>`;
    return html`<div class="scroll">
      <table>
        <caption class="visually-hidden">
          ${attendees.length} attendees
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Attendee</th>
            ${this.questions.map((q) => html`<th scope="col">${q.label}</th>`)}
            <th scope="col">Booked by</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Paid</th>
            <th scope="col">Since</th>
            <th scope="col" class="no-print">Move to</th>
          </tr>
        </thead>
        <tbody>
          ${attendees.map(
            (a, i) =>
              html`<tr>
                <td>${i + 1}</td>
                <td class="wrap">
                  ${a.name ?? html`<span class="note">Not named</span>`}${a.attendeeEmail ? html`<br />${a.attendeeEmail}` : nothing}
                </td>
                ${this.questions.map((q) => html`<td class="wrap">${answerText(a.answers[q.id])}</td>`)}
                <td class="wrap">
                  <a href="#/bookings/${encodeURIComponent(a.bookingId)}">${a.email ?? a.userId}</a>${
                    a.quantity > 1 ? html` <span class="note">(seat ${a.seat} of ${a.quantity})</span>` : nothing
                  }
                </td>
                <td><span class="status ${a.paymentStatus}">${statusWords[a.paymentStatus]}</span></td>
                <td class="num">${a.seat === 1 ? money(a.amountPaid, a.currency) : ''}</td>
                <td>${when(a.paidAt)}</td>
                <td class="no-print">${a.seat === 1 ? this.renderMove(a) : nothing}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderMove(attendee: Attendee) {
    if (this.others.length === 0) return html`<span class="note">No other date</span>`;
    const who = attendee.email ?? attendee.userId;
    return html`<form class="actions" @submit=${(e: SubmitEvent) => void this.handleMove(e, attendee)}>
      <select name="to" aria-label="Another date for ${who}">
        ${this.others.map(
          (s) =>
            html`<option value=${s.id}>
              ${inZone(s.startsAt, s.timeZone)}${s.capacity === null ? '' : ` (${s.capacity - s.seatsTaken} left)`}
            </option>`,
        )}
      </select>
      <button class="secondary" ?disabled=${this.busy} aria-label="Move ${who}">Move</button>
    </form>`;
  }
}

/** An answer as the list shows it: the text, Yes or No for a checkbox, nothing when unanswered. */
function answerText(value: string | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return value;
}

defineElement('admin-session-attendees', AdminSessionAttendees);

declare global {
  interface HTMLElementTagNameMap {
    'admin-session-attendees': AdminSessionAttendees;
  }
}
