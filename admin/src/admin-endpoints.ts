import { LitElement, html, nothing } from 'lit';
import type { AdminApi } from './api.js';
import { when } from './format.js';
import { standing, type OutboxItem } from './admin-outbox.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

/** A webhook endpoint as the API lists it (never its secret). */
interface Endpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
  previousSecretExpiresAt: string | null;
}

/** The events an endpoint may take, with what each means. */
const eventTypes = [
  ['booking.paid', 'a booking is paid (or confirmed free)'],
  ['booking.refunded', 'a booking is refunded'],
  ['booking.cancelled', 'a booking is cancelled'],
  ['booking.expired', 'a checkout expired unpaid'],
  ['booking.moved', 'a booking moved to another date'],
  ['session.cancelled', 'a dated session is cancelled'],
] as const;

/**
 * The operator's own systems that hear of bookings: endpoints (the events each takes; its signing
 * secret shown once, at creation and at rotation), each enabled or not; and one endpoint's
 * deliveries (`#/endpoints/<id>`), each with where it stands and a button to deliver it again.
 */
export class AdminEndpoints extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    endpointId: { attribute: false },
    endpoints: { state: true },
    deliveries: { state: true },
    secret: { state: true },
    confirmRemove: { state: true },
    loading: { state: true },
    message: { state: true },
    problem: { state: true },
    fields: { state: true },
  };

  api!: AdminApi;
  endpointId: string | undefined;
  private endpoints: Endpoint[] = [];
  private deliveries: OutboxItem[] = [];
  /** A secret just made, shown once: for which endpoint. */
  private secret: { endpointId: string; value: string } | null = null;
  private confirmRemove: string | null = null;
  private loading = true;
  private message = '';
  private problem = '';
  private fields: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    this.loading = true;
    try {
      this.endpoints = (await this.api.get<{ endpoints: Endpoint[] }>('/webhook-endpoints')).endpoints;
      this.deliveries = this.endpointId
        ? (
            await this.api.get<{ deliveries: OutboxItem[] }>('/webhook-deliveries', {
              endpoint: this.endpointId,
              limit: '100',
            })
          ).deliveries
        : [];
      this.problem = '';
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  /** Runs an action, then says what it did (or what went wrong) and reads the list again. */
  private async act(work: () => Promise<string>) {
    try {
      this.message = await work();
      this.problem = '';
      this.fields = {};
      await this.load();
    } catch (error) {
      const failure = error as Error & { fields?: Record<string, string> };
      this.problem = failure.message;
      this.fields = failure.fields ?? {};
    }
  }

  private add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { url: String(data.get('url') ?? '').trim(), events: data.getAll('events').map(String) };
    void this.act(async () => {
      const added = await this.api.post<Endpoint & { secret: string }>('/webhook-endpoints', body);
      this.secret = { endpointId: added.id, value: added.secret };
      form.reset();
      return `Added ${added.url}. Copy its signing secret now: it is not shown again.`;
    });
  }

  override render() {
    const endpoint = this.endpoints.find((e) => e.id === this.endpointId);
    return html`<h1 tabindex="-1">${endpoint ? `Deliveries to ${endpoint.url}` : 'Outgoing webhooks'}</h1>
      <p role="status" aria-live="polite" class=${this.problem ? 'error' : 'note'}>
        ${this.problem || this.message || (this.loading ? 'Loading…' : '')}
      </p>
      ${this.secret ? this.renderSecret(this.secret) : nothing}
      ${this.endpointId ? this.renderDeliveries(endpoint) : html`${this.renderEndpoints()} ${this.renderAdd()}`}`;
  }

  private renderSecret(secret: { endpointId: string; value: string }) {
    return html`<section class="card" aria-labelledby="secret-title">
      <h2 id="secret-title">Signing secret</h2>
      <p>
        <output aria-label="Signing secret"><code>${secret.value}</code></output>
      </p>
      <p class="note">
        Shown once. Your receiver checks each delivery with it (Standard Webhooks: the
        <code>standardwebhooks</code> library, <code>new Webhook(secret).verify(body, headers)</code>).
      </p>
      <button class="secondary" @click=${() => (this.secret = null)}>I have copied it</button>
    </section>`;
  }

  private renderEndpoints() {
    return html`<div class="scroll">
      <table class="stacking" aria-busy=${this.loading ? 'true' : 'false'}>
        <caption>
          Each event is posted, signed, to every enabled endpoint that takes it, and tried again for three days until it
          answers 2xx.
        </caption>
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">State</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${
            !this.loading && this.endpoints.length === 0
              ? html`<tr>
                  <td colspan="4">No endpoint yet: add your system's URL below.</td>
                </tr>`
              : nothing
          }
          ${this.endpoints.map((e) => this.renderEndpoint(e))}
        </tbody>
      </table>
    </div>`;
  }

  private renderEndpoint(e: Endpoint) {
    const toggle = e.enabled ? 'Disable' : 'Enable';
    return html`<tr>
      <td data-label="URL" class="wrap"><a href="#/endpoints/${e.id}">${e.url}</a></td>
      <td data-label="Events" class="wrap">${e.events.join(', ')}</td>
      <td data-label="State">
        <span class="status ${e.enabled ? 'sent' : 'cancelled'}">${e.enabled ? 'enabled' : 'disabled'}</span>
        ${
          e.previousSecretExpiresAt
            ? html`<div class="note">
                The secret before the last rotation signs too until ${when(e.previousSecretExpiresAt)}
              </div>`
            : nothing
        }
      </td>
      <td class="actions">
        <button
          class="secondary"
          aria-label=${`${toggle} ${e.url}`}
          @click=${() =>
            this.act(async () => {
              await this.api.patch(`/webhook-endpoints/${e.id}`, { enabled: !e.enabled });
              return `${e.enabled ? 'Disabled' : 'Enabled'} ${e.url}.`;
            })}
        >
          ${toggle}
        </button>
        <button
          class="secondary"
          aria-label=${`Rotate secret of ${e.url}`}
          @click=${() =>
            this.act(async () => {
              const rotated = await this.api.post<Endpoint & { secret: string }>(`/webhook-endpoints/${e.id}/rotate`);
              this.secret = { endpointId: e.id, value: rotated.secret };
              return `New secret for ${e.url}; the one before signs too for 24 hours.`;
            })}
        >
          Rotate secret
        </button>
        ${
          this.confirmRemove === e.id
            ? html`<button
                class="danger"
                @click=${() =>
                  this.act(async () => {
                    await this.api.delete(`/webhook-endpoints/${e.id}`);
                    this.confirmRemove = null;
                    return `Removed ${e.url}.`;
                  })}
              >
                Yes, remove it
              </button>`
            : html`<button
                class="secondary"
                aria-label=${`Remove ${e.url}`}
                @click=${() => (this.confirmRemove = e.id)}
              >
                Remove
              </button>`
        }
      </td>
    </tr>`;
  }

  private renderAdd() {
    return html`<form class="card" @submit=${this.add} aria-labelledby="add-title">
      <h2 id="add-title">Add an endpoint</h2>
      <label
        >URL
        <input
          name="url"
          type="url"
          required
          placeholder="https://example.com/hooks/bookings"
          aria-invalid=${this.fields.url ? 'true' : 'false'}
          aria-describedby="url-problem"
      /></label>
      <span id="url-problem" class="error">${this.fields.url ?? ''}</span>
      <fieldset>
        <legend>Events</legend>
        ${eventTypes.map(
          ([type, meaning]) =>
            html`<label class="check"
              ><input type="checkbox" name="events" value=${type} checked /> ${type}
              <span class="note">(${meaning})</span></label
            >`,
        )}
      </fieldset>
      <span class="error">${this.fields.events ?? ''}</span>
      <button>Add endpoint</button>
    </form>`;
  }

  private renderDeliveries(endpoint: Endpoint | undefined) {
    return html`<p><a href="#/endpoints">← Outgoing webhooks</a></p>
      ${endpoint ? nothing : this.loading ? nothing : html`<p class="error">No endpoint has this id.</p>`}
      <div class="scroll">
        <table class="stacking" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption>
            Newest first. Each delivery keeps its webhook-id on every try and replay.
          </caption>
          <thead>
            <tr>
              <th scope="col">Written</th>
              <th scope="col">Event</th>
              <th scope="col">State</th>
              <th scope="col" class="num">Tries</th>
              <th scope="col">Where it stands</th>
              <th scope="col">webhook-id</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            ${
              !this.loading && this.deliveries.length === 0
                ? html`<tr>
                    <td colspan="7">No delivery yet.</td>
                  </tr>`
                : nothing
            }
            ${this.deliveries.map(
              (d) =>
                html`<tr class=${d.state === 'failed' ? 'alert' : ''}>
                  <td data-label="Written">${when(d.createdAt)}</td>
                  <td data-label="Event">${d.kind}</td>
                  <td data-label="State"><span class="status ${d.state}">${d.state}</span></td>
                  <td data-label="Tries" class="num">${d.attempts}</td>
                  <td data-label="Stands" class="wrap">
                    ${standing(d)}${d.lastStatus ? ` (HTTP ${d.lastStatus})` : ''}
                  </td>
                  <td data-label="webhook-id"><code>${d.messageId}</code></td>
                  <td>
                    <button
                      class="secondary"
                      aria-label=${`Replay ${d.kind} ${d.messageId}`}
                      ?disabled=${d.state === 'sending'}
                      @click=${() =>
                        this.act(async () => {
                          await this.api.post(`/webhook-deliveries/${encodeURIComponent(d.id)}/replay`);
                          return `Delivering ${d.kind} again.`;
                        })}
                    >
                      Replay
                    </button>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

defineElement('admin-endpoints', AdminEndpoints);

declare global {
  interface HTMLElementTagNameMap {
    'admin-endpoints': AdminEndpoints;
  }
}
