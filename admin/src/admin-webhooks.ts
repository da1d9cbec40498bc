import { LitElement, html, nothing } from 'lit';
import type { AdminApi } from './api.js';
import { eventReasons, when } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

interface LoggedEvent {
  id: string;
  type: string;
  receivedAt: string;
  bookingId: string | null;
  outcome: 'applied' | 'unchanged' | 'ignored' | 'parked' | 'retry' | 'processing';
  reason: string | null;
  duplicates: number;
  failures: number;
}

const outcomes = ['applied', 'unchanged', 'ignored', 'parked', 'retry', 'processing'] as const;

/** The webhook log: each event received, newest first, its outcome and why; failures stand out. */
export class AdminWebhooks extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    events: { state: true },
    filter: { state: true },
    next: { state: true },
    loading: { state: true },
    problem: { state: true },
  };

  api!: AdminApi;
  private events: LoggedEvent[] = [];
  private filter: { outcome?: string | undefined; type?: string | undefined } = {};
  private next: string | null = null;
  private loading = true;
  private problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(cursor?: string) {
    this.loading = true;
    try {
      const page = await this.api.get<{ events: LoggedEvent[]; next: string | null }>('/webhook-events', {
        ...this.filter,
        limit: '50',
        cursor,
      });
      this.events = cursor ? [...this.events, ...page.events] : page.events;
      this.next = page.next;
      this.problem = '';
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  private handleFilter(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.filter = {
      outcome: String(data.get('outcome') ?? '') || undefined,
      type: String(data.get('type') ?? '').trim() || undefined,
    };
    void this.load();
  }

  override render() {
    return html`<h1 tabindex="-1">Webhooks</h1>
      <form class="filters" @submit=${this.handleFilter}>
        <label
          >Outcome
          <select name="outcome">
            <option value="">Any</option>
            ${outcomes.map((o) => html`<option ?selected=${this.filter.outcome === o}>${o}</option>`)}
          </select>
        </label>
        <label
          >Type <input name="type" placeholder="checkout.session.completed" .value=${this.filter.type ?? ''}
        /></label>
        <button>Apply</button>
      </form>
      <p role="status" aria-live="polite" class=${this.problem ? 'error' : 'note'}>
        ${this.problem || (this.loading ? 'Loading…' : `${this.events.length} shown`)}
      </p>
      <div class="scroll">
        <table aria-busy=${this.loading ? 'true' : 'false'}>
          <caption>
            Newest first. Retry: Stripe delivers it again; parked: waiting for the event it follows; ignored: nothing to
            do (red only when it needs a look).
          </caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Type</th>
              <th scope="col">Outcome</th>
              <th scope="col">Why</th>
              <th scope="col">Booking</th>
              <th scope="col" class="num">Deliveries</th>
              <th scope="col">Event</th>
            </tr>
          </thead>
          <tbody>
            ${
              !this.loading && this.events.length === 0
                ? html`<tr>
                    <td colspan="7">No event matches.</td>
                  </tr>`
                : nothing
            }
            ${this.events.map(
              (e) =>
                html`<tr class=${attention(e) ? 'alert' : ''}>
                  <td>${when(e.receivedAt)}</td>
                  <td>${e.type}</td>
                  <td><span class="status ${e.outcome} ${attention(e) ? 'attention' : ''}">${e.outcome}</span></td>
                  <td class="wrap" title=${e.reason ?? ''}>
                    ${e.reason ? (eventReasons[e.reason]?.words ?? e.reason) : ''}${e.failures ? ` (failed ${e.failures}×)` : ''}
                  </td>
                  <td>
                    ${e.bookingId ? html`<a href="#/bookings/${encodeURIComponent(e.bookingId)}">${e.bookingId}</a>` : '—'}
                  </td>
                  <td class="num">${1 + e.duplicates + e.failures}</td>
                  <td class="wrap"><code>${e.id}</code></td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button
          class="secondary"
          ?disabled=${!this.next || this.loading}
          @click=${() => this.load(this.next ?? undefined)}
        >
          Show more
        </button>
      </div>`;
  }
}

/** Whether an event needs the operator's look: a delivery that failed, or a reason that says so (not a routine skip). */
function attention(e: LoggedEvent): boolean {
  return e.outcome === 'retry' || e.failures > 0 || !!(e.reason && eventReasons[e.reason]?.attention);
}

defineElement('admin-webhooks', AdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'admin-webhooks': AdminWebhooks;
  }
}
