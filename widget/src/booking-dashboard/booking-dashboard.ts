import { html, nothing } from 'lit';
import type { Attendee, Booking, WaitlistEntry } from '../../../common/contract.js';
import {
  cancelBooking,
  createBooking,
  downloadCalendar,
  downloadMyData,
  eraseMyData,
  getBooking,
  getInvoice,
  leaveWaitlist,
  listBookings,
  listWaitlist,
  moveBooking,
} from '../api/bookings.js';
import { ApiError, fetchCourse, forgetCourse } from '../api/client.js';
import { AuthError, authClientFor, signedOutEvent } from '../auth/auth-client.js';
import { clearReturn, readReturn, returnAddress, syncReturned } from '../course-booking/return-flow.js';
import { CbRedirectEvent, cbDetail } from '../events/events.js';
import { BackendElement } from '../internal/backend-element.js';
import { languageOf } from '../internal/money.js';
import { sessionWhen } from '../internal/session-time.js';
import {
  dashboardMessages,
  hasDashboardMessages,
  loadDashboardMessages,
  type DashboardMessages,
} from './dashboard-messages.js';
import { styles } from './booking-dashboard.styles.js';
import { renderDetail } from './booking-detail.js';
import { questionsOf, saveAttendees, type EditingAttendees } from './booking-attendees.js';
import type { Moving } from './booking-move.js';
import { renderWaits } from './waitlist-entries.js';
import { renderMyData, type Erasing } from './my-data.js';
import { dateLabel, formatDate, paidText, statusText, upcomingFirst } from './booking-text.js';

type View =
  | { state: 'signed-out'; note?: keyof DashboardMessages }
  | { state: 'loading' }
  | { state: 'list'; bookings: Booking[]; next?: string | null | undefined; note?: 'soldOut' | 'payFailed' }
  | { state: 'detail'; booking: Booking; bookings: Booking[] }
  | { state: 'error' };

/**
 * The signed-in student's bookings: course, amount, status and date, and one booking's history
 * with the ids support asks for. An awaiting payment offers Complete payment, a failed or expired
 * one Try again. Signs in with the same popup as `<course-booking>` (one sign-in per visit for
 * every element on the page), and offers Sign out.
 *
 * @tag booking-dashboard
 * @fires cb-redirect - Complete payment or Try again is about to go to Checkout (`event.url`); cancelable: the host navigates itself
 * @cssproperty --cb-accent - accent colour of buttons
 * @cssproperty --cb-text - text colour (default: inherited)
 * @cssproperty --cb-background - panel background
 * @cssproperty --cb-border - panel and row borders
 * @cssproperty --cb-radius - corner radius
 * @cssproperty --cb-spacing - inner spacing
 *
 * @attr api - the backend origin; defaults to the origin dashboard.js was loaded from
 * @attr theme - `light`, `dark` or `auto` (follows the system); unset, the page's colours
 * @attr page-size - bookings per page (default 50); Show more brings the next
 */
export class BookingDashboard extends BackendElement {
  static override styles = styles;
  static override properties = {
    ...BackendElement.properties,
    view: { state: true },
    speaking: { state: true },
    asking: { state: true },
    moving: { state: true },
    invoice: { state: true },
    moved: { state: true },
    editing: { state: true },
    waits: { state: true },
    attendeesSaved: { state: true },
    erasing: { state: true },
    pageSize: { attribute: 'page-size', type: Number },
  };

  /** Bookings per page; Show more brings the next. */
  pageSize = 50;

  private view: View = { state: 'signed-out' };
  /** The booking whose cancellation is being asked about (or sent: `sending`). */
  private asking: { id: string; sending: boolean } | null = null;
  /** The booking whose move to another date is being chosen (or sent). */
  private moving: Moving | null = null;
  /** The invoice of the booking whose detail shows (`url` null: not finalized yet). */
  private invoice: { bookingId: string; number: string | null; url: string | null } | null = null;
  /** What the last move did, said once in the booking's detail. */
  private moved: { id: string; when: string } | null = null;
  /** A change of who is coming under way; the booking whose change was just saved. */
  private editing: EditingAttendees | null = null;
  private attendeesSaved: string | null = null;
  /** The student's waiting-list entries (read with the list). */
  private waits: WaitlistEntry[] = [];
  /** The erasure of the student's data: asked about, being sent, done. */
  private erasing: Erasing = { asking: false, sending: false, erased: false };
  /** The language whose messages have loaded: until then the panel shows nothing in another one. */
  private speaking: string | undefined | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(signedOutEvent, this.forget);
    const lang = languageOf(this);
    if (hasDashboardMessages(lang)) this.speaking = lang;
    else void loadDashboardMessages(lang).then(() => (this.speaking = lang));
    // With a token source or a token of this visit, no click is needed.
    if (this.getToken || authClientFor(this.apiBase).current()) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(signedOutEvent, this.forget);
  }

  /** The student signed out (here, or in another element on the page). */
  private readonly forget = () => {
    if (!this.getToken) this.view = { state: 'signed-out' };
  };

  /** Show more: the next page, after the ones shown. */
  private async handleMore(shown: Booking[], cursor: string): Promise<void> {
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      const { bookings, next } = await listBookings(this.apiBase, token, { cursor, limit: this.pageSize });
      this.view = { state: 'list', bookings: [...shown, ...bookings], next };
    } catch (error) {
      this.handleFailure(error);
    }
  }

  private handleSignOut(): void {
    authClientFor(this.apiBase).signOut();
  }

  /**
   * Complete payment (the open checkout again, or a new attempt when it expired) and Try again (a
   * new attempt): both go to Checkout, returning to this page.
   */
  private async handlePay(booking: Booking, bookings: Booking[]): Promise<void> {
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      const lang = languageOf(this);
      const { booking: paying, checkout } = await createBooking(this.apiBase, token, {
        courseId: booking.courseId,
        // A course on dates: the same date again.
        ...(booking.sessionId ? { sessionId: booking.sessionId } : {}),
        returnUrl: returnAddress(),
        ...(lang ? { locale: lang } : {}),
      });
      if (!checkout || !('url' in checkout)) return await this.refresh();
      // As <course-booking> does: the host may cancel cb-redirect and navigate itself.
      const detail = cbDetail(
        { id: paying.courseId, price: booking.amount, currency: booking.currency },
        booking.sessionId,
        paying.id,
      );
      if (this.dispatchEvent(new CbRedirectEvent(checkout.url, paying.id, detail))) location.assign(checkout.url);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') return this.handleFailure(error);
      if (error instanceof ApiError && (error.code === 'already_booked' || error.code === 'payment_processing')) {
        return this.refresh();
      }
      const note = error instanceof ApiError && error.code === 'sold_out' ? 'soldOut' : 'payFailed';
      this.view = { state: 'list', bookings, note };
    }
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
      // Back from a checkout resumed here: the backend asks Stripe first, so the list is current.
      const returned = readReturn();
      if (returned) {
        await syncReturned(this.apiBase, returned).catch(() => undefined);
        clearReturn();
      }
      const [{ bookings, next }, waits] = await Promise.all([
        listBookings(this.apiBase, token, { limit: this.pageSize }),
        listWaitlist(this.apiBase, token).then(
          (answer) => answer.entries,
          () => [],
        ),
      ]);
      this.waits = waits;
      this.view = { state: 'list', bookings, next };
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
      .signIn(languageOf(this))
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
      const booking = await getBooking(this.apiBase, token, id);
      this.view = { state: 'detail', booking, bookings };
      this.invoice = null;
      if (booking.invoiceId) {
        const invoice = await getInvoice(this.apiBase, token, id).catch(() => null);
        this.invoice = invoice && { bookingId: id, number: invoice.number, url: invoice.url };
      }
    } catch (error) {
      this.handleFailure(error);
    }
  }

  /** Cancels a booking once its student said yes; the detail shows it as it then is. */
  private async handleCancel(booking: Booking, bookings: Booking[]): Promise<void> {
    this.asking = { id: booking.id, sending: true };
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      const { booking: cancelled } = await cancelBooking(this.apiBase, token, booking.id);
      const list = bookings.map((b) => (b.id === cancelled.id ? cancelled : b));
      this.view = { state: 'detail', booking: cancelled, bookings: list };
    } catch (error) {
      this.handleFailure(error);
    } finally {
      this.asking = null;
    }
  }

  /** Move to another date: the course's other dates, read afresh (their seats change). */
  private async handleMoveStart(booking: Booking, problem: Moving['problem'] = null): Promise<void> {
    this.moving = { id: booking.id, dates: null, sending: false, problem };
    this.moved = null;
    try {
      forgetCourse(this.apiBase, booking.courseId);
      const course = await fetchCourse(this.apiBase, booking.courseId);
      if (this.moving?.id === booking.id) this.moving = { ...this.moving, dates: course.sessions ?? [] };
    } catch (error) {
      this.moving = null;
      this.handleFailure(error);
    }
  }

  private async handleMove(booking: Booking, bookings: Booking[], sessionId: string): Promise<void> {
    this.moving = { ...this.moving!, sending: true, problem: null };
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      const { booking: moved } = await moveBooking(this.apiBase, token, booking.id, sessionId);
      const list = bookings.map((b) => (b.id === moved.id ? moved : b));
      this.moving = null;
      const at = moved.session;
      this.moved = at ? { id: moved.id, when: sessionWhen(at, languageOf(this)) } : null;
      this.view = { state: 'detail', booking: moved, bookings: list };
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      // That date sold out meanwhile: the dates again, with their seats now. The deadline passed: say so.
      if (code === 'sold_out') return void this.handleMoveStart(booking, 'moveSoldOut');
      if (code === 'move_closed')
        return void (this.moving = { ...this.moving!, sending: false, problem: 'moveClosed' });
      this.moving = null;
      this.handleFailure(error);
    }
  }

  /** Change attendees: the fields as at purchase, with the course's questions read afresh. */
  private async handleAttendeesStart(booking: Booking): Promise<void> {
    this.editing = { id: booking.id, questions: null, sending: false, problems: {}, values: null };
    this.attendeesSaved = null;
    try {
      const questions = await questionsOf(this.apiBase, booking.courseId);
      if (this.editing?.id === booking.id) this.editing = { ...this.editing, questions };
    } catch (error) {
      this.editing = null;
      this.handleFailure(error);
    }
  }

  private async handleAttendeesSave(booking: Booking, bookings: Booking[], attendees: Attendee[]): Promise<void> {
    this.editing = { ...this.editing!, sending: true };
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      const saved = await saveAttendees(this.apiBase, token, booking.id, attendees);
      if (!('booking' in saved)) return void (this.editing = { ...this.editing!, sending: false, ...saved });
      this.editing = null;
      this.attendeesSaved = booking.id;
      const list = bookings.map((b) => (b.id === booking.id ? saved.booking : b));
      this.view = { state: 'detail', booking: saved.booking, bookings: list };
    } catch (error) {
      this.editing = null;
      this.handleFailure(error);
    }
  }

  /** Leave a waiting list: its place (or held seats) go to the next in line. */
  private async handleLeave(entry: WaitlistEntry): Promise<void> {
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      await leaveWaitlist(this.apiBase, token, entry.id);
      this.waits = this.waits.filter((e) => e.id !== entry.id);
    } catch (error) {
      this.handleFailure(error);
    }
  }

  /** Download my data: everything held about the student, fetched with their token, saved by the browser. */
  private async handleDownloadData(): Promise<void> {
    await this.save(async (token) => [await downloadMyData(this.apiBase, token), 'my-bookings-data.json']);
  }

  /** Erase my data, once the student said yes: the list shows the bookings as they then are. */
  private async handleErase(): Promise<void> {
    this.erasing = { asking: true, sending: true, erased: false };
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      await eraseMyData(this.apiBase, token);
      await this.refresh();
      this.erasing = { asking: false, sending: false, erased: true };
    } catch (error) {
      this.erasing = { asking: false, sending: false, erased: false };
      this.handleFailure(error);
    }
  }

  private async handleEraseAsk(): Promise<void> {
    this.erasing = { asking: true, sending: false, erased: false };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.erase')?.focus();
  }

  /** Keep it: the question closes, and focus goes back to the button that asked it. */
  private async handleEraseKeep(): Promise<void> {
    this.erasing = { asking: false, sending: false, erased: false };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.erase-ask')?.focus();
  }

  override render() {
    const t = dashboardMessages(languageOf(this));
    if (this.speaking === null) return html`<section class="panel" aria-busy="true"></section>`;
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
        return html`${renderWaits(this.waits, t, languageOf(this), (e) => void this.handleLeave(e))}${
          view.bookings.length === 0
            ? html`<p role="status">${t.empty}</p>`
            : html`${view.note ? html`<p role="alert">${t[view.note]}</p>` : nothing}
                <ul>
                  ${upcomingFirst(view.bookings, Date.now()).map((b) => this.renderRow(b, view.bookings, t))}
                </ul>
                ${
                  view.next
                    ? html`<button
                        type="button"
                        class="link"
                        @click=${() => void this.handleMore(view.bookings, view.next!)}
                      >
                        ${t.more}
                      </button>`
                    : nothing
                }`
        }
        ${renderMyData(this.erasing, t, {
          download: () => void this.handleDownloadData(),
          ask: () => void this.handleEraseAsk(),
          erase: () => void this.handleErase(),
          keep: () => void this.handleEraseKeep(),
        })}
        ${this.renderSignOut(t)}`;
      case 'detail':
        return html`${this.renderDetail(view.booking, view.bookings, t)} ${this.renderSignOut(t)}`;
    }
  }

  private renderSignOut(t: DashboardMessages) {
    // A site that supplies its own tokens signs the student out itself.
    if (this.getToken) return nothing;
    return html`<p class="sign-out">
      <button type="button" class="link" @click=${this.handleSignOut}>${t.signOut}</button>
    </p>`;
  }

  /** Complete payment or Try again, for bookings that are not booked and can still be. */
  private renderPay(booking: Booking, all: Booking[], t: DashboardMessages) {
    const status = booking.paymentStatus;
    const label =
      status === 'pending' ? t.completePayment : status === 'failed' || status === 'expired' ? t.tryAgain : '';
    if (!label) return nothing;
    return html`<button
      type="button"
      class="pay"
      aria-label="${label}: ${booking.course.title}"
      @click=${() => void this.handlePay(booking, all)}
    >
      ${label}
    </button>`;
  }

  private renderRow(booking: Booking, all: Booking[], t: DashboardMessages) {
    const lang = languageOf(this);
    return html`<li>
      <div class="course">
        <strong>${booking.course.title}</strong>
        ${booking.session ? this.renderSession(booking, t) : nothing}
      </div>
      <span class="amount">${paidText(booking, lang, t)}</span>
      <span class="badge ${booking.paymentStatus}">${statusText(booking, t)}</span>
      <button
        type="button"
        class="link details"
        aria-label="${t.details}: ${booking.course.title}"
        @click=${() => void this.handleDetails(booking.id, all)}
      >
        ${t.details}
      </button>
      ${this.renderPay(booking, all, t)}
      <span class="meta">${dateLabel(booking, t)} ${formatDate(booking.createdAt, lang)}</span>
    </li>`;
  }

  private renderDetail(booking: Booking, all: Booking[], t: DashboardMessages) {
    const { invoice, asking, moving, moved, editing, attendeesSaved } = this;
    return renderDetail(
      { booking, t, lang: languageOf(this), invoice, asking, moving, moved, editing, attendeesSaved },
      {
        back: () => (this.view = { state: 'list', bookings: all }),
        ask: () => (this.asking = { id: booking.id, sending: false }),
        cancel: () => void this.handleCancel(booking, all),
        keep: () => (this.asking = null),
        move: {
          start: () => void this.handleMoveStart(booking),
          move: (sessionId) => void this.handleMove(booking, all, sessionId),
          keep: () => (this.moving = null),
        },
        attendees: {
          start: () => void this.handleAttendeesStart(booking),
          save: (attendees) => void this.handleAttendeesSave(booking, all, attendees),
          keep: () => (this.editing = null),
        },
      },
    );
  }

  /** A dated booking: when (in the session's zone, named), where, the online link once paid, and Add to calendar. */
  private renderSession(booking: Booking, t: DashboardMessages) {
    const session = booking.session!;
    const lang = languageOf(this);
    const count = session.meetings?.length ?? 0;
    const when = sessionWhen(session, lang);
    return html`<span class="when"
        >${count > 1 ? t.meetings.replace('{n}', String(count)).replace('{when}', when) : when}</span
      >
      ${session.location ? html`<span class="where">${session.location}</span>` : nothing}
      <span class="session-actions">
        ${
          session.onlineUrl
            ? html`<a href=${session.onlineUrl} target="_blank" rel="noopener noreferrer">${t.joinOnline}</a>`
            : nothing
        }
        <button
          type="button"
          class="link"
          aria-label="${t.addToCalendar}: ${booking.course.title}"
          @click=${() => void this.handleCalendar(booking)}
        >
          ${t.addToCalendar}
        </button>
      </span>`;
  }

  /** Add to calendar: the booking's .ics, fetched with the student's token, saved by the browser. */
  private async handleCalendar(booking: Booking): Promise<void> {
    await this.save(async (token) => [
      await downloadCalendar(this.apiBase, token, booking.id),
      `${booking.courseId}-${booking.session!.id}.ics`,
    ]);
  }

  /** Saves a file the backend gives the signed-in student (fetched with their token) as a download. */
  private async save(fetchFile: (token: string) => Promise<[Blob, string]>): Promise<void> {
    try {
      const token = await this.token();
      if (!token) return void (this.view = { state: 'signed-out', note: 'expired' });
      const [file, name] = await fetchFile(token);
      const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(file), download: name });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      this.handleFailure(error);
    }
  }
}
