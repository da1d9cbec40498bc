import { LitElement, css, html, nothing } from 'lit';
import type { AdminApi, AdminSession } from './api.js';
import { field, markInvalid } from './form-fields.js';
import { inZone, timeZones, toInstant, toLocalInput } from './zoned-time.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

/** The form's fields as they are typed: wall-clock times in the session's zone. */
type Draft = Record<
  'id' | 'startsAt' | 'endsAt' | 'timeZone' | 'location' | 'onlineUrl' | 'capacity' | 'bookingClosesAt' | 'meetings',
  string
>;

/** A session as the form shows it, its times in its own zone. */
function draftOf(session: AdminSession | null): Draft {
  const zone = session?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const local = (iso: string) => toLocalInput(iso, zone);
  return {
    id: session?.id ?? '',
    startsAt: session ? local(session.startsAt) : '',
    endsAt: session ? local(session.endsAt) : '',
    timeZone: zone,
    location: session?.location ?? '',
    onlineUrl: session?.onlineUrl ?? '',
    capacity: session?.capacity === null || !session ? '' : String(session.capacity),
    bookingClosesAt: session && session.bookingClosesAt !== session.startsAt ? local(session.bookingClosesAt) : '',
    meetings: (session?.meetings ?? [])
      .map((m) => `${local(m.startsAt).replace('T', ' ')}-${local(m.endsAt).slice(11)}`)
      .join('\n'),
  };
}

/**
 * A course's dates: every session (past and cancelled too) with its seats taken, a form to add or
 * change one (times typed in the session's own zone, the zone picked from a searchable list, each
 * problem beside its field), each date's attendee list, and Cancel, which refunds its paid bookings.
 */
export class AdminSessions extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      form.session {
        display: grid;
        gap: 0.8rem;
        max-width: 36rem;
        margin-top: 1rem;
      }
      .two {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 0.8rem;
      }
    `,
  ];
  static override properties = {
    api: { attribute: false },
    courseId: { attribute: false },
    sessions: { state: true },
    editing: { state: true },
    fields: { state: true },
    message: { state: true },
    busy: { state: true },
    cancelling: { state: true },
  };

  api!: AdminApi;
  courseId = '';
  private sessions: AdminSession[] | null = null;
  /** The session in the form: `new`, an id, or none. */
  private editing: string | null = null;
  private fields: Record<string, string> = {};
  private message = '';
  private busy = false;
  /** The session whose cancellation waits for the operator's yes. */
  private cancelling: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const path = `/courses/${encodeURIComponent(this.courseId)}/sessions`;
      this.sessions = (await this.api.get<{ sessions: AdminSession[] }>(path)).sessions;
    } catch (error) {
      this.message = (error as Error).message;
    }
  }

  private path(sessionId: string, action = '') {
    return `/courses/${encodeURIComponent(this.courseId)}/sessions/${encodeURIComponent(sessionId)}${action}`;
  }

  private async handleSave(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const zone = text('timeZone');
    const fields: Record<string, string> = {};
    if (!timeZones().includes(zone) && zone !== 'UTC') fields.timeZone = 'pick a time zone from the list';
    const at = (name: string, optional = false) => {
      const value = text(name);
      if (!value && optional) return undefined;
      const instant = fields.timeZone ? null : toInstant(value, zone);
      if (!instant && !fields.timeZone) fields[name] = 'must be a date and time';
      return instant ?? undefined;
    };
    const startsAt = at('startsAt');
    const endsAt = at('endsAt');
    const bookingClosesAt = at('bookingClosesAt', true);
    if (startsAt && endsAt && endsAt <= startsAt) fields.endsAt = 'must be after the start';
    const meetings = this.readMeetings(text('meetings'), zone, fields);
    const id = this.editing === 'new' ? text('id') : this.editing!;
    if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(id)) fields.id = 'lowercase letters, digits and dashes, such as 2027-03-14';
    this.fields = fields;
    if (Object.keys(fields).length > 0) {
      this.message = 'Some fields need a change.';
      return;
    }
    this.busy = true;
    this.message = '';
    try {
      const capacity = text('capacity');
      await this.api.put(this.path(id), {
        startsAt,
        endsAt,
        timeZone: zone,
        ...(text('location') ? { location: text('location') } : {}),
        ...(text('onlineUrl') ? { onlineUrl: text('onlineUrl') } : {}),
        capacity: capacity ? Number(capacity) : null,
        ...(bookingClosesAt ? { bookingClosesAt } : {}),
        ...(meetings.length ? { meetings } : {}),
        ...(data.get('confirmFewerSeats') === 'on' ? { confirmFewerSeats: true } : {}),
      });
      this.editing = null;
      await this.load();
      this.message = `Saved the date ${inZone(startsAt!, zone)}.`;
    } catch (error) {
      const failure = error as Error & { fields?: Record<string, string> };
      // `meetings.2.endsAt` belongs to the meetings field.
      this.fields = Object.fromEntries(
        Object.entries(failure.fields ?? {}).map(([key, value]) => [key.split('.')[0]!, value]),
      );
      this.message = Object.keys(this.fields).length ? 'Some fields need a change.' : failure.message;
    } finally {
      this.busy = false;
    }
  }

  /** Meetings typed one per line, `2027-03-03 18:30-20:30`, in the session's zone. */
  private readMeetings(text: string, zone: string, fields: Record<string, string>) {
    const meetings: Array<{ startsAt: string; endsAt: string }> = [];
    for (const line of text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/.exec(line);
      const startsAt = match && toInstant(`${match[1]}T${match[2]}`, zone);
      const endsAt = match && toInstant(`${match[1]}T${match[3]}`, zone);
      if (!startsAt || !endsAt) {
        fields.meetings = `"${line}" is not a meeting such as 2027-03-03 18:30-20:30`;
        return [];
      }
      meetings.push({ startsAt, endsAt });
    }
    return meetings;
  }

  private async handleCancel(session: AdminSession) {
    this.busy = true;
    try {
      const { refunds, session: after } = await this.api.post<{
        session: AdminSession;
        refunds: Array<{ amountRefunded: number }>;
      }>(this.path(session.id, '/cancel'));
      const refunded = refunds.filter((r) => r.amountRefunded > 0).length;
      this.cancelling = null;
      await this.load();
      this.message =
        `Cancelled ${inZone(session.startsAt, session.timeZone)}: ${refunds.length} bookings ended, ${refunded} refunded in full.` +
        (after.cancelPending ? ' Some payments are still under way; they are sent back when they arrive.' : '');
    } catch (error) {
      this.message = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override updated(): void {
    markInvalid(this.renderRoot, this.fields);
  }

  override render() {
    return html`<section aria-labelledby="dates-heading">
      <h2 id="dates-heading">Dates</h2>
      ${
        this.sessions === null
          ? html`<p class="note">Loading the dates…</p>`
          : this.sessions.length === 0
            ? html`<p class="note">No dates: the course is self-paced. Add one to sell it on dates.</p>`
            : this.renderTable(this.sessions)
      }
      <div class="actions">
        <button class="secondary" @click=${() => this.edit('new')}>Add a date</button>
      </div>
      ${this.editing ? this.renderForm() : nothing}
      <p role="status" aria-live="polite">${this.message}</p>
    </section>`;
  }

  private edit(id: string | null) {
    this.editing = id;
    this.fields = {};
    this.message = '';
  }

  private renderTable(sessions: AdminSession[]) {
    const now = Date.now();
    return html`<div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Place</th>
            <th scope="col">Seats</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${sessions.map((s) => {
            const past = Date.parse(s.startsAt) <= now;
            const status = s.cancelled ? (s.cancelPending ? 'Cancelling…' : 'Cancelled') : past ? 'Past' : 'On sale';
            return html`<tr>
              <td class="wrap">
                ${inZone(s.startsAt, s.timeZone)}
                ${s.meetings.length > 1 ? html`<br /><span class="note">${s.meetings.length} meetings</span>` : nothing}
                <br /><code>${s.id}</code>
              </td>
              <td class="wrap">${s.location ?? '—'}</td>
              <td>
                ${s.capacity === null ? `${s.seatsTaken} taken, no limit` : `${s.seatsTaken} of ${s.capacity} taken`}
              </td>
              <td><span class="status ${s.cancelled ? 'cancelled' : ''}">${status}</span></td>
              <td>
                <a href="#/courses/${encodeURIComponent(this.courseId)}/sessions/${encodeURIComponent(s.id)}"
                  >Attendees<span class="visually-hidden"> of ${s.id}</span></a
                >
                ${
                  s.cancelled
                    ? nothing
                    : html` <button class="secondary" aria-label="Edit ${s.id}" @click=${() => this.edit(s.id)}>
                          Edit
                        </button>
                        ${this.renderCancel(s)}`
                }
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  private renderCancel(s: AdminSession) {
    if (this.cancelling !== s.id) {
      return html`<button class="danger" aria-label="Cancel ${s.id}" @click=${() => (this.cancelling = s.id)}>
        Cancel…
      </button>`;
    }
    return html`<div class="actions" role="group" aria-label="Confirm cancelling ${s.id}">
      <span
        >Cancel ${inZone(s.startsAt, s.timeZone)}? Every paid booking of it is refunded in full through Stripe, and the
        date leaves the widget at once. This cannot be undone.</span
      >
      <button class="danger" ?disabled=${this.busy} @click=${() => void this.handleCancel(s)}>
        ${this.busy ? 'Cancelling…' : 'Yes, cancel the date'}
      </button>
      <button class="secondary" @click=${() => (this.cancelling = null)}>Keep it</button>
    </div>`;
  }

  private renderForm() {
    const session = this.editing === 'new' ? null : (this.sessions?.find((s) => s.id === this.editing) ?? null);
    const d = draftOf(session);
    const f = (name: string, label: string, control: unknown) => field(name, label, control, this.fields);
    return html`<form class="session" novalidate @submit=${this.handleSave}>
      <h3>${session ? `Change ${session.id}` : 'A new date'}</h3>
      ${session ? nothing : f('id', 'Id (stable; bookings name it)', html`<input name="id" required placeholder="2027-03-14" />`)}
      ${f('timeZone', 'Time zone (the times below are in it)', html`<input name="timeZone" list="zones" required .value=${d.timeZone} />`)}
      <datalist id="zones">${timeZones().map((z) => html`<option value=${z}></option>`)}</datalist>
      <div class="two">
        ${f('startsAt', 'Starts', html`<input name="startsAt" type="datetime-local" required .value=${d.startsAt} />`)}
        ${f('endsAt', 'Ends', html`<input name="endsAt" type="datetime-local" required .value=${d.endsAt} />`)}
      </div>
      ${f('location', 'Place (optional)', html`<input name="location" .value=${d.location} />`)}
      ${f('onlineUrl', 'Online link (optional; shown only to paid bookings)', html`<input name="onlineUrl" type="url" .value=${d.onlineUrl} />`)}
      <div class="two">
        ${f('capacity', 'Seats (empty: no limit)', html`<input name="capacity" type="number" min="1" .value=${d.capacity} />`)}
        ${f('bookingClosesAt', 'Booking closes (empty: at the start)', html`<input name="bookingClosesAt" type="datetime-local" .value=${d.bookingClosesAt} />`)}
      </div>
      ${f('meetings', 'Meetings (optional, one per line: 2027-03-03 18:30-20:30)', html`<textarea name="meetings" .value=${d.meetings}></textarea>`)}
      ${
        this.fields.capacity?.includes('taken already')
          ? html`<label class="check"
              ><input type="checkbox" name="confirmFewerSeats" /> Yes, fewer seats than are taken (those bookings keep
              theirs)</label
            >`
          : nothing
      }
      <div class="actions">
        <button ?disabled=${this.busy}>${this.busy ? 'Saving…' : 'Save the date'}</button>
        <button type="button" class="secondary" @click=${() => this.edit(null)}>Close</button>
      </div>
    </form>`;
  }
}

defineElement('admin-sessions', AdminSessions);

declare global {
  interface HTMLElementTagNameMap {
    'admin-sessions': AdminSessions;
  }
}
