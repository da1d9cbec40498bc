import { LitElement, html, nothing } from 'lit';
import { paymentStatuses } from '../../common/contract.js';
import type { AdminApi, AdminBookingRow, AdminCourse } from './api.js';
import { money, statusWords, when } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

type Filter = Record<'status' | 'courseId' | 'source' | 'from' | 'to' | 'q', string | undefined>;

interface Totals {
  byStatus: Record<string, number>;
  revenue: Record<string, number>;
}

/** The bookings table: filters, search, a page at a time by cursor, totals and revenue, CSV export. */
export class AdminBookings extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    pageSize: { type: Number, attribute: 'page-size' },
    filter: { state: true },
    rows: { state: true },
    totals: { state: true },
    courses: { state: true },
    next: { state: true },
    previous: { state: true },
    cursor: { state: true },
    loading: { state: true },
    problem: { state: true },
    fields: { state: true },
    exporting: { state: true },
  };

  api!: AdminApi;
  /** Rows per page. */
  pageSize = 50;
  private filter: Filter = {
    status: undefined,
    courseId: undefined,
    source: undefined,
    from: undefined,
    to: undefined,
    q: undefined,
  };
  private rows: AdminBookingRow[] = [];
  private totals: Totals | null = null;
  private courses: AdminCourse[] = [];
  private next: string | null = null;
  /** The cursors of the pages before this one (the first page has none). */
  private previous: Array<string | undefined> = [];
  private cursor: string | undefined;
  private loading = true;
  private problem = '';
  private fields: Record<string, string> = {};
  private exporting = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.api
      .get<{ courses: AdminCourse[] }>('/courses')
      .then(({ courses }) => (this.courses = courses))
      .catch(() => undefined);
  }

  /** Which load is the latest: an earlier one that answers after it is dropped (a filter applied meanwhile). */
  private loads = 0;

  private async load(cursor?: string) {
    const load = (this.loads += 1);
    this.loading = true;
    this.problem = '';
    try {
      const [page, totals] = await Promise.all([
        this.api.get<{ bookings: AdminBookingRow[]; next: string | null }>('/bookings', {
          ...this.filter,
          limit: String(this.pageSize),
          cursor,
        }),
        cursor === undefined ? this.api.get<Totals>('/bookings/totals', this.filter) : Promise.resolve(this.totals),
      ]);
      if (load !== this.loads) return;
      this.rows = page.bookings;
      this.next = page.next;
      this.cursor = cursor;
      this.totals = totals;
      this.fields = {};
    } catch (error) {
      if (load !== this.loads) return;
      const failure = error as Error & { fields?: Record<string, string> };
      this.problem = failure.message;
      this.fields = failure.fields ?? {};
    } finally {
      if (load === this.loads) this.loading = false;
    }
  }

  private handleFilter(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    this.filter = {
      status: value('status'),
      courseId: value('courseId'),
      source: value('source'),
      from: value('from'),
      to: value('to'),
      q: value('q'),
    };
    this.previous = [];
    void this.load();
  }

  private handleNext() {
    this.previous = [...this.previous, this.cursor];
    void this.load(this.next ?? undefined);
  }

  private handlePrevious() {
    const previous = [...this.previous];
    const cursor = previous.pop();
    this.previous = previous;
    void this.load(cursor);
  }

  private async handleExport() {
    this.exporting = true;
    try {
      await this.api.download('/bookings', this.filter, `bookings-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.exporting = false;
    }
  }

  override render() {
    return html`<h1 tabindex="-1">Bookings</h1>
      <form class="filters" role="search" @submit=${this.handleFilter}>
        <label class="search"
          >Search
          <input
            name="q"
            type="search"
            placeholder="Booking id, cs_…, pi_…, student or email"
            .value=${this.filter.q ?? ''}
            aria-invalid=${this.fields.q ? 'true' : 'false'}
          />
        </label>
        <label
          >Status
          <select name="status">
            <option value="">Any</option>
            ${paymentStatuses.map(
              (s) => html`<option value=${s} ?selected=${this.filter.status === s}>${statusWords[s]}</option>`,
            )}
          </select>
        </label>
        <label
          >Course
          <select name="courseId">
            <option value="">Any</option>
            ${this.courses.map(
              (c) => html`<option value=${c.id} ?selected=${this.filter.courseId === c.id}>${c.title}</option>`,
            )}
          </select>
        </label>
        <label
          >Source
          <input name="source" size="10" placeholder="utm_source" .value=${this.filter.source ?? ''} />
        </label>
        ${this.dateInput('from', 'From')} ${this.dateInput('to', 'To')}
        <button>Apply</button>
        <button type="button" class="secondary" ?disabled=${this.exporting} @click=${this.handleExport}>
          ${this.exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </form>
      ${this.renderTotals()}
      <p role="status" aria-live="polite" class=${this.problem ? 'error' : 'note'}>
        ${this.problem || (this.loading ? 'Loading…' : `${this.rows.length} shown`)}
      </p>
      <div class="scroll">
        <table class="stacking" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption>
            Newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Student</th>
              <th scope="col">Course</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">Paid</th>
              <th scope="col">Booking</th>
            </tr>
          </thead>
          <tbody>
            ${
              !this.loading && this.rows.length === 0
                ? html`<tr>
                    <td colspan="6">No booking matches.</td>
                  </tr>`
                : nothing
            }
            ${this.rows.map(
              (b) =>
                html`<tr>
                  <td data-label="Created">${when(b.createdAt)}</td>
                  <td data-label="Student" class="wrap">${b.email ?? b.userId}</td>
                  <td data-label="Course" class="wrap">
                    ${b.course.title}${b.quantity > 1 ? ` × ${b.quantity}` : nothing}
                  </td>
                  <td data-label="Status">
                    <span class="status ${b.paymentStatus}">${statusWords[b.paymentStatus]}</span>
                  </td>
                  <td data-label="Paid" class="num">${money(b.amountPaid, b.currency)}</td>
                  <td data-label="Booking"><a href="#/bookings/${encodeURIComponent(b.id)}">${b.id}</a></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button class="secondary" ?disabled=${this.previous.length === 0 || this.loading} @click=${this.handlePrevious}>
          Previous page
        </button>
        <button class="secondary" ?disabled=${!this.next || this.loading} @click=${this.handleNext}>Next page</button>
      </div>`;
  }

  private dateInput(name: 'from' | 'to', label: string) {
    const error = this.fields[name];
    return html`<label
      >${label}
      <input
        name=${name}
        type="date"
        .value=${this.filter[name] ?? ''}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${name}-error` : nothing}
      />
      ${error ? html`<span id="${name}-error" class="field-error">${error}</span>` : nothing}
    </label>`;
  }

  private renderTotals() {
    if (!this.totals) return nothing;
    const { byStatus, revenue } = this.totals;
    const count = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    return html`<section class="cards" aria-label="Totals for this filter">
      <div class="card"><span>Bookings</span><strong>${count}</strong></div>
      ${paymentStatuses
        .filter((s) => byStatus[s])
        .map((s) => html`<div class="card"><span>${statusWords[s]}</span><strong>${byStatus[s]}</strong></div>`)}
      ${Object.entries(revenue).map(
        ([currency, amount]) =>
          html`<div class="card">
            <span>Revenue ${currency.toUpperCase()}</span><strong>${money(amount, currency)}</strong>
          </div>`,
      )}
    </section>`;
  }
}

defineElement('admin-bookings', AdminBookings);

declare global {
  interface HTMLElementTagNameMap {
    'admin-bookings': AdminBookings;
  }
}
