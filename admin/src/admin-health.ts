import { LitElement, html, nothing } from 'lit';
import type { AdminApi } from './api.js';
import { shown, statusWords, when } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

interface OperatorStatus {
  database: { ready: boolean; latencyMs: number | null };
  stripe: {
    configured: boolean;
    mode: 'test' | 'live' | null;
    lastSuccessAt: string | null;
    lastFailureAt: string | null;
    lastError: string | null;
  };
  reconciler: {
    lastRunAt: string | null;
    durationMs: number | null;
    checked: number;
    repaired: number;
    failed: number;
  };
  oldestOpen: { id: string; paymentStatus: string; createdAt: string } | null;
  webhooksWaiting: { retry: number; parked: number };
  outbox: { waiting: number; failed: number; lastRunAt: string | null };
  /** Waiting lists' offers holding seats now. */
  openOffers: number;
}

interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorName?: string;
  action: string;
  target: { type: string; id: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Health: the database, Stripe, the reconciler, what waits longest; and the audit trail of operator actions. */
export class AdminHealth extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    status: { state: true },
    audit: { state: true },
    next: { state: true },
    problem: { state: true },
  };

  api!: AdminApi;
  private status: OperatorStatus | null = null;
  private audit: AuditEntry[] = [];
  private next: string | null = null;
  private problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [status, audit] = await Promise.all([
        this.api.get<OperatorStatus>('/status'),
        this.api.get<{ entries: AuditEntry[]; next: string | null }>('/audit', { limit: '50' }),
      ]);
      this.status = status;
      this.audit = audit.entries;
      this.next = audit.next;
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  private async handleMore() {
    const page = await this.api.get<{ entries: AuditEntry[]; next: string | null }>('/audit', {
      limit: '50',
      cursor: this.next ?? undefined,
    });
    this.audit = [...this.audit, ...page.entries];
    this.next = page.next;
  }

  override render() {
    const s = this.status;
    return html`<h1 tabindex="-1">Health</h1>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${s ? this.renderStatus(s) : html`<p class="note" role="status">Loading…</p>`}
      <h2>Audit trail</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            ${this.audit.map(
              (a) =>
                html`<tr>
                  <td>${when(a.at)}</td>
                  <td title=${a.actor}>${a.actorName ?? a.actor}</td>
                  <td>${a.action}</td>
                  <td>
                    ${
                      a.target.type === 'booking'
                        ? html`<a href="#/bookings/${encodeURIComponent(a.target.id)}">${a.target.id}</a>`
                        : html`<a href="#/courses/${encodeURIComponent(a.target.id)}">${a.target.id}</a>`
                    }
                  </td>
                  <td class="wrap">${changes(a.before, a.after)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.next ? html`<div class="actions"><button class="secondary" @click=${this.handleMore}>Show more</button></div>` : nothing}`;
  }

  private renderStatus(s: OperatorStatus) {
    const stripeOk =
      s.stripe.configured && (!s.stripe.lastFailureAt || (s.stripe.lastSuccessAt ?? '') > s.stripe.lastFailureAt);
    return html`<section class="cards" aria-label="Readiness">
        <div class="card">
          <span>Database</span>
          <strong class=${s.database.ready ? 'status paid' : 'status failed'}
            >${s.database.ready ? 'ready' : 'not reachable'}</strong
          >
          ${s.database.latencyMs !== null ? html`<span class="note">${s.database.latencyMs} ms</span>` : nothing}
        </div>
        <div class="card">
          <span>Stripe ${s.stripe.mode ?? ''}</span>
          <strong class=${stripeOk ? 'status paid' : 'status failed'}>
            ${!s.stripe.configured ? 'not configured' : stripeOk ? 'answering' : 'failing'}
          </strong>
          <span class="note">last success ${when(s.stripe.lastSuccessAt)}</span>
          ${s.stripe.lastError && !stripeOk ? html`<span class="error">${s.stripe.lastError}</span>` : nothing}
        </div>
        <div class="card">
          <span>Reconciler</span>
          <strong>${when(s.reconciler.lastRunAt)}</strong>
          <span class="note"
            >checked ${s.reconciler.checked}, repaired ${s.reconciler.repaired}, failed ${s.reconciler.failed}</span
          >
        </div>
        <div class="card">
          <span>Webhooks waiting</span>
          <strong class=${s.webhooksWaiting.retry ? 'status failed' : ''}>${s.webhooksWaiting.retry} to retry</strong>
          <span class="note">${s.webhooksWaiting.parked} parked</span>
        </div>
        <div class="card">
          <span>Outbox (mail, outgoing webhooks)</span>
          <strong class=${s.outbox.failed ? 'status failed' : ''}
            ><a href="#/outbox">${s.outbox.waiting} waiting, ${s.outbox.failed} failed</a></strong
          >
          <span class="note">last sent ${when(s.outbox.lastRunAt)}</span>
        </div>
        <div class="card">
          <span>Waiting lists</span>
          <strong>${s.openOffers} ${s.openOffers === 1 ? 'offer' : 'offers'} open</strong>
          <span class="note">seats held for the next in line</span>
        </div>
      </section>
      <p>
        Oldest booking still pending or processing:
        ${
          s.oldestOpen
            ? html`<a href="#/bookings/${encodeURIComponent(s.oldestOpen.id)}">${s.oldestOpen.id}</a>
                (${statusWords[s.oldestOpen.paymentStatus as keyof typeof statusWords] ?? s.oldestOpen.paymentStatus}
                since ${when(s.oldestOpen.createdAt)})`
            : 'none'
        }
      </p>`;
  }
}

/**
 * What an audited action changed, field by field: `price: 4900 → 6900`; a field that is new says
 * only its value (`refundId: re_…`), never `undefined → …`.
 */
export function changes(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  if (!after) return '';
  return Object.keys(after)
    .filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after[k]))
    .map((k) =>
      before && before[k] !== undefined && before[k] !== null
        ? `${k}: ${shown(before[k])} → ${shown(after[k])}`
        : `${k}: ${shown(after[k])}`,
    )
    .join(', ');
}

defineElement('admin-health', AdminHealth);

declare global {
  interface HTMLElementTagNameMap {
    'admin-health': AdminHealth;
  }
}
