import { html, nothing } from 'lit';
import type { BookingStatus } from '../../../common/contract.js';
import { ApiError, fetchCourse } from '../api/client.js';
import { CbCheckoutStartEvent, CbErrorEvent, CbReadyEvent, cbDetail, type CbErrorCode } from '../events/events.js';
import { loadFlowMessages, loadMessages, messagesFor, type Messages } from '../i18n/messages.js';
import { BackendElement } from '../internal/backend-element.js';
import { formatPrice, languageOf, textFor } from '../internal/money.js';
import { sessionDay } from '../internal/session-time.js';
import { styles } from './course-booking.styles.js';
import { renderDates } from './dates.js';
import { announce, type BookingHost, type View } from './view.js';

type Flow = typeof import('./flow.js');
let flow: Flow | undefined;
const flowLoading = new Map<string, Promise<Flow>>();
/** Languages whose flow (code and strings) is here. */
const flowReady = new Set<string>();

/** Loads the sign-in and checkout code, and what they say in `lang`, once per page, after the first price shows. */
function loadFlow(lang = ''): Promise<Flow> {
  let pending = flowLoading.get(lang);
  if (!pending) {
    pending = Promise.all([import('./flow.js'), loadFlowMessages(lang)]).then(([loaded]) => {
      flowReady.add(lang);
      return (flow = loaded);
    });
    flowLoading.set(lang, pending);
  }
  return pending;
}

/** Every element on the page: what one learns of a course (it sold out) reaches each one showing it. */
const onPage = new Set<CourseBooking>();

/**
 * A course's title and price from the booking backend, and a Book & Pay button that signs the
 * student in, opens Stripe Checkout and, on return, says honestly where the payment stands.
 *
 * @tag course-booking
 * @fires cb-ready - the course loaded; `event.course` holds it
 * @fires cb-checkout-start - Book & Pay was pressed (`event.sessionId`: the date picked, for a course on dates); cancelable: `preventDefault()` stops the checkout
 * @fires cb-redirect - the page is about to go to Checkout (`event.url`); cancelable: the host navigates itself
 * @fires cb-paid - back from Checkout, the booking is paid (`event.booking`), or a free course is booked; once per booking
 * @fires cb-error - something failed; `event.code` says what (`sold_out` when the last seat went while booking)
 * @csspart title - the course title
 * @csspart price - the formatted price
 * @csspart button - the Book & Pay (or Try again) button
 * @csspart status - the status line (booked, processing, cancelled, sold out, no longer available…)
 * @csspart description - the course description (with the `details` attribute)
 * @csspart seats - "3 seats left", when few remain
 * @csspart error - an error message
 * @cssproperty --cb-accent - accent colour of the button
 * @cssproperty --cb-accent-text - text colour on the accent
 * @cssproperty --cb-text - text colour (default: inherited)
 * @cssproperty --cb-background - card background
 * @cssproperty --cb-border - card border
 * @cssproperty --cb-radius - corner radius
 * @cssproperty --cb-spacing - inner spacing
 * @cssproperty --cb-error - colour of error text
 * @cssproperty --cb-success-background - background of the Booked badge
 * @cssproperty --cb-success-text - text colour of the Booked badge
 * @cssproperty --cb-focus - focus ring colour
 *
 * @attr api - the backend origin; defaults to the origin widget.js was loaded from
 * @attr theme - `light`, `dark` or `auto` (follows the system); unset, the page's colours
 * @attr details - shows the course description under the title
 * @attr seats-threshold - "N seats left" shows from this many seats down (default 5)
 * @attr session - for a course on dates: pins one session (its id), with no date picker
 * @attr sessions-limit - for a course on dates: how many dates show before "More dates" (default 5)
 * @csspart dates - the date picker (a fieldset of radio buttons) of a course on dates
 * @attr policy - shows the course's cancellation policy in one sentence under the button
 * @csspart policy - that sentence
 */
export class CourseBooking extends BackendElement implements BookingHost {
  static override styles = styles;
  static override properties = {
    ...BackendElement.properties,
    course: { reflect: true },
    mode: {},
    returnUrl: { attribute: 'return-url' },
    details: { type: Boolean },
    seatsThreshold: { attribute: 'seats-threshold', type: Number },
    session: {},
    sessionsLimit: { attribute: 'sessions-limit', type: Number },
    policy: { type: Boolean },
    chosen: { state: true },
    allDates: { state: true },
    mine: { state: true },
    view: { state: true },
  };

  /** The course id (slug) to show. */
  course = '';

  /** `redirect` (default) goes to Stripe's page; `embedded` shows Stripe's form in a dialog on this page. */
  mode: 'redirect' | 'embedded' = 'redirect';

  /** Where Stripe sends the student back; defaults to this page. Must be on an allowed origin. */
  returnUrl = '';

  /** Shows the course description under the title. */
  details = false;

  /** "N seats left" shows from this many seats down. */
  seatsThreshold = 5;

  /** Pins one dated session of the course (no picker). */
  session = '';

  /** How many dates the picker shows before "More dates". */
  sessionsLimit = 5;

  /** Shows the course's cancellation policy under the button (drawn by the flow's code, right after the price). */
  policy = false;

  /** @internal The dated session the student picked (or the pinned or only bookable one). */
  chosen: string | undefined;
  /** @internal How many seats the student asks for (a course that sells several per purchase); the flow's stepper sets it. */
  quantity?: number;
  private allDates = false;
  /** @internal The signed-in student's bookings of this course's dates. */
  mine: BookingStatus[] = [];

  /** @internal What the element shows; the code loaded after the price moves it on too. */
  view: View = { state: 'loading' };
  /** @internal */
  pollTimer: ReturnType<typeof setTimeout> | undefined;

  /** @internal */
  get t(): Messages {
    return messagesFor(languageOf(this));
  }

  /** @internal Every element on the page from this element's backend (itself too). */
  peers = () => [...onPage].filter((e) => e.apiBase === this.apiBase);

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('course') || changed.has('api')) void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    onPage.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    onPage.delete(this);
    clearTimeout(this.pollTimer);
  }

  private async load(): Promise<void> {
    this.view = { state: 'loading' };
    if (!this.course) return this.fail('missing_course', 'courseNotFound');
    const course = this.course;
    try {
      // The page's language loads alongside the price, so the first render is already in it.
      const [loaded] = await Promise.all([fetchCourse(this.apiBase, course), loadMessages(languageOf(this))]);
      if (course !== this.course) return;
      this.view = { state: loaded.soldOut ? 'sold-out' : 'ready', course: loaded };
      // The pinned session, or the one date that can be booked: chosen already.
      const open = (loaded.sessions ?? []).filter((s) => s.bookable);
      this.chosen = this.session || (open.length === 1 ? open[0]!.id : undefined);
      this.dispatchEvent(new CbReadyEvent(loaded));
      const { readReturn, resume, showOwn } = await loadFlow(languageOf(this));
      const returned = readReturn();
      if (course !== this.course) return;
      if (returned) void resume(this, loaded, returned);
      else void showOwn(this, loaded);
    } catch (error) {
      if (course !== this.course) return;
      const code = error instanceof ApiError ? error.code : 'server_error';
      // Archived: the course is simply no longer sold, which is no error.
      if (code === 'course_unavailable') this.view = { state: 'unavailable' };
      else if (code === 'course_not_found') this.fail('course_not_found', 'courseNotFound');
      else this.fail(code === 'network_error' ? 'network_error' : 'server_error', 'pricesUnavailable');
    }
  }

  private fail(code: CbErrorCode, message: keyof Messages): void {
    this.view = { state: 'error', code, message };
    this.dispatchEvent(
      new CbErrorEvent(code, this.t[message], cbDetail({ id: this.course }, this.session || undefined)),
    );
  }

  /** Book & Pay. Synchronous up to the sign-in popup, so popup blockers let it open. */
  private handleBook(): void {
    const view = this.view;
    if (view.state !== 'ready') return;
    const lang = languageOf(this);
    if (!flow || !flowReady.has(lang ?? '')) {
      // Clicked before the checkout code arrived (it loads right after the price): go on once it is here.
      // Unless the element left the page meanwhile: a removed widget must never move the page on.
      void loadFlow(lang).then(() => this.isConnected && this.handleBook());
      return;
    }
    const course = view.course;
    if (course.sessions?.length && !this.chosen) {
      // A course on dates: which one first.
      this.view = { state: 'ready', course, note: 'chooseDate' };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input:not([disabled])')?.focus());
      return;
    }
    if (!this.dispatchEvent(new CbCheckoutStartEvent(course, this.chosen))) return;
    this.view = { state: 'signing-in', course };
    void flow
      .startCheckout({
        api: this.apiBase,
        course,
        returnUrl: this.returnUrl || flow.returnAddress(),
        sessionId: this.chosen,
        mode: this.mode === 'embedded' ? 'embedded' : 'redirect',
        lang,
        getToken: this.getToken,
        from: this,
        onSignedIn: () => (this.view = { state: 'creating', course }),
      })
      .then((outcome) => flow!.finishCheckout(this, course, outcome));
  }

  override render() {
    const view = this.view;
    const t = this.t;
    const status = announce[view.state];
    return html`<div
      class="card ${this.details ? 'details' : ''} ${'course' in view && view.course.sessions?.length && !this.session ? 'dated' : ''}"
      aria-busy=${view.state === 'loading' ? 'true' : 'false'}
    >
      ${
        view.state === 'loading'
          ? html`<p class="title skeleton"></p>
              <p class="price skeleton"></p>
              <div></div>`
          : view.state === 'error'
            ? this.renderError(view.code, t[view.message])
            : view.state === 'unavailable'
              ? html`<p part="status" class="message">${t.unavailable}</p>`
              : this.renderCourse(view, t)
      }
      <span class="visually-hidden" role="status" aria-live="polite">${status ? t[status] : nothing}</span>
    </div>`;
  }

  private renderCourse(view: CourseView, t: Messages) {
    const { course } = view;
    const lang = languageOf(this);
    const paid = 'paid' in view && view.paid !== undefined && view.paid !== course.price ? view.paid : undefined;
    const price =
      paid !== undefined
        ? t.paidPrice.replace('{amount}', formatPrice(paid, course.currency, lang))
        : course.price
          ? (textFor(course.priceText, lang) ?? formatPrice(course.price, course.currency, lang))
          : t.free;
    const note = 'note' in view && view.note ? t[view.note] : undefined;
    // A failure to act on is an alert; a state to know (paid, awaiting payment) a status.
    const noteRole = view.state === 'ready' && view.retry ? 'alert' : 'status';
    // Where checkout cannot run here: the course's own page, in a new tab.
    const page =
      'page' in view && view.page ? html` <a href=${view.page} target="_blank">${t.bookOnPage}</a>` : nothing;
    const left = course.seatsLeft ?? Infinity;
    const seats =
      left > 0 && left <= this.seatsThreshold && view.state !== 'booked' && view.state !== 'sold-out'
        ? (new Intl.PluralRules(lang).select(left) === 'one' ? t.seatLeft : t.seatsLeft).replace('{n}', String(left))
        : '';
    return html`<p part="title" class="title" title=${course.title}>${course.title}</p>
      ${this.details && course.description ? html`<p part="description" class="description">${course.description}</p>` : nothing}
      <p part="price" class="price">${price}</p>
      ${course.sessions?.length && !this.session ? this.renderDates(view, t, lang) : nothing}
      ${flow?.renderOrder(this, course, lang)}
      <div class="actions">
        ${this.renderAction(view, t, price)}${seats ? html`<span part="seats" class="seats">${seats}</span>` : nothing}
      </div>
      ${note ? html`<p part="status" class="note" role=${noteRole} tabindex="-1">${note}${page}</p>` : nothing}
      ${this.policy && flow ? flow.renderPolicy(course, lang) : nothing}`;
  }

  /** The dates, drawn with the price. */
  private renderDates(view: CourseView, t: Messages, lang: string | undefined) {
    return renderDates({
      sessions: view.course.sessions!,
      chosen: this.chosen,
      mine: this.mine,
      all: this.allDates,
      limit: this.sessionsLimit,
      seatsThreshold: this.seatsThreshold,
      enabled: view.state === 'ready',
      lang,
      t,
      choose: (id) => (this.chosen = id),
      more: () => (this.allDates = true),
      later: () => this.requestUpdate(),
    });
  }

  private renderAction(view: CourseView, t: Messages, price: string) {
    if (view.state === 'booked') return html`<span class="badge">${t.booked}</span>`;
    if (view.state === 'sold-out') return html`<span part="status" class="badge sold-out">${t.soldOut}</span>`;
    if (view.state === 'continue') {
      return html`<a part="button" class="button" href=${view.url} target="_blank" rel="noopener"
        >${t.openCheckout}</a
      >`;
    }
    const picked = view.course.sessions?.find((s) => s.id === this.chosen);
    const day = picked && sessionDay(picked.startsAt, picked.timeZone, languageOf(this));
    const seats = flow?.seatsWanted(this, view.course);
    const busy = view.state !== 'ready';
    const ready = view.state === 'ready';
    const label =
      ready && view.retry
        ? t.tryAgain
        : ready && view.resume
          ? t.completePayment
          : view.course.price
            ? t.book
            : t.bookFree;
    return html`<button
      part="button"
      type="button"
      aria-label="${busy ? t.wait : label}: ${view.course.title}, ${day ? `${day}, ` : ''}${seats! > 1 ? `${seats} × ` : ''}${price}"
      aria-busy=${busy ? 'true' : 'false'}
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${this.handleBook}
    >
      ${busy ? t.wait : label}
    </button>`;
  }

  private renderError(code: CbErrorCode, message: string) {
    const retry = code === 'network_error' || code === 'server_error';
    return html`<p part="error" class="message error" role="alert" data-code=${code}>${message}</p>
      <div class="actions">
        ${
          retry
            ? html`<button part="button" type="button" @click=${() => void this.load()}>${this.t.tryAgain}</button>`
            : nothing
        }
      </div>`;
  }
}

/** Every view that shows a course. */
type CourseView = Exclude<View, { state: 'loading' | 'error' | 'unavailable' }>;
