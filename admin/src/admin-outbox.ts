import { LitElement, html, nothing } from 'lit';
import type { AdminApi } from './api.js';
import { when } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

/** A mail or a webhook delivery, as `GET /api/admin/outbox` lists it. */
export interface OutboxItem {
  id: string;
  channel: 'mail' | 'webhook';
  kind: string;
  bookingId: string | null;
  to: string;
  endpointId: string | null;
  messageId: string;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
  lastStatus: number | null;
}

const states = ['pending', 'sending', 'sent', 'failed'] as const;

/** What a row says of where its message stands: sent when, next try when, or why it was given up. */
export function standing(item: OutboxItem): string {
  if (item.state === 'sent') return `Sent ${when(item.sentAt)}`;
  if (item.state === 'failed') return `Given up: ${item.lastError ?? 'no reason recorded'}`;
  if (item.state === 'sending') return 'Being sent';
  const last = item.lastError ? `Last try: ${item.lastError}. ` : '';
  return `${last}${item.attempts ? 'Next try' : 'Due'} ${when(item.nextAttemptAt)}`;
}

/**
 * The outbox: every email and webhook delivery the backend wrote, newest first, where each stands
 * (waiting, sent, given up with the reason), and a button to send one again.
 */
export class AdminOutbox extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    items: { state: true },
    state: { state: true },
    next: { state: true },
    loading: { state: true },
    message: { state: true },
    problem: { state: true },
  };

  api!: AdminApi;
  private items: OutboxItem[] = [];
  private state: string | undefined;
  private next: string | null = null;
  private loading = true;
  private message = '';
  private problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(cursor?: string) {
    this.loading = true;
    try {
      const page = await this.api.get<{ items: OutboxItem[]; next: string | null }>('/outbox', {
        state: this.state,
        limit: '50',
        cursor,
      });
      this.items = cursor ? [...this.items, ...page.items] : page.items;
      this.next = page.next;
      this.problem = '';
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  private async resend(item: OutboxItem) {
    try {
      await this.api.post(`/outbox/${encodeURIComponent(item.id)}/resend`);
      this.message = `Sending again: ${item.kind} to ${item.to}.`;
      await this.load();
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    return html`<h1 tabindex="-1">Outbox</h1>
      <form
        class="filters"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          this.state = String(new FormData(event.target as HTMLFormElement).get('state') ?? '') || undefined;
          void this.load();
        }}
      >
        <label
          >State
          <select name="state">
            <option value="">Any</option>
            ${states.map((s) => html`<option ?selected=${this.state === s}>${s}</option>`)}
          </select>
        </label>
        <button>Apply</button>
      </form>
      <p role="status" aria-live="polite" class=${this.problem ? 'error' : 'note'}>
        ${this.problem || this.message || (this.loading ? 'Loading…' : `${this.items.length} shown`)}
      </p>
      <div class="scroll">
        <table class="stacking" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption>
            Emails and webhook deliveries, newest first. Each is written once, in the same step as the booking's change,
            and sent by the backend in the background: tried again with a growing wait, given up after three days.
          </caption>
          <thead>
            <tr>
              <th scope="col">Written</th>
              <th scope="col">What</th>
              <th scope="col">To</th>
              <th scope="col">State</th>
              <th scope="col" class="num">Tries</th>
              <th scope="col">Where it stands</th>
              <th scope="col">Booking</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            ${
              !this.loading && this.items.length === 0
                ? html`<tr>
                    <td colspan="8">Nothing here yet: the first paid booking writes its confirmation.</td>
                  </tr>`
                : nothing
            }
            ${this.items.map(
              (item) =>
                html`<tr class=${item.state === 'failed' ? 'alert' : ''}>
                  <td data-label="Written">${when(item.createdAt)}</td>
                  <td data-label="What">${item.channel === 'mail' ? 'Email' : 'Webhook'}: ${item.kind}</td>
                  <td data-label="To" class="wrap">${item.to}</td>
                  <td data-label="State"><span class="status ${item.state}">${item.state}</span></td>
                  <td data-label="Tries" class="num">${item.attempts}</td>
                  <td data-label="Stands" class="wrap">
                    ${standing(item)}${item.lastStatus ? ` (HTTP ${item.lastStatus})` : ''}
                  </td>
                  <td data-label="Booking">
                    ${
                      item.bookingId
                        ? html`<a href="#/bookings/${encodeURIComponent(item.bookingId)}">${item.bookingId}</a>`
                        : '—'
                    }
                  </td>
                  <td>
                    ${
                      item.state === 'sending'
                        ? nothing
                        : html`<button
                            class="secondary"
                            aria-label=${`Send again: ${item.kind} to ${item.to}`}
                            @click=${() => this.resend(item)}
                          >
                            Send again
                          </button>`
                    }
                  </td>
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

defineElement('admin-outbox', AdminOutbox);

declare global {
  interface HTMLElementTagNameMap {
    'admin-outbox': AdminOutbox;
  }
}
