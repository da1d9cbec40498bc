import { LitElement, html, nothing } from 'lit';
import type { WaitlistEntry } from '../../common/contract.js';
import type { AdminApi } from './api.js';
import { when } from './format.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

/** An entry as the operator sees it: with the student and where the offer's email goes. */
type Entry = WaitlistEntry & { userId: string; email: string | null };

/**
 * A course's (or date's) waiting list: who waits, in order, who holds an offer and until when;
 * Offer now (out of turn, when seats are free) and Remove, each audited by the API.
 */
export class AdminWaitlist extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    courseId: { attribute: false },
    sessionId: { attribute: false },
    entries: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  api!: AdminApi;
  courseId = '';
  sessionId: string | undefined;
  private entries: Entry[] | null = null;
  private message = '';
  private busy = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('courseId') || changed.has('sessionId')) void this.load();
  }

  private async load() {
    try {
      const query = { courseId: this.courseId, sessionId: this.sessionId };
      this.entries = (await this.api.get<{ entries: Entry[] }>('/waitlist', query)).entries;
    } catch (error) {
      this.message = (error as Error).message;
    }
  }

  private async refresh() {
    this.busy = true;
    this.message = '';
    await this.load();
    this.busy = false;
  }

  private async act(entry: Entry, action: 'offer' | 'remove') {
    this.busy = true;
    this.message = '';
    try {
      const path = `/waitlist/${encodeURIComponent(entry.id)}`;
      if (action === 'offer') await this.api.post(`${path}/offer`, {});
      else await this.api.delete(path);
      const who = entry.email ?? entry.userId;
      this.message = action === 'offer' ? `Seats offered to ${who}.` : `${who} removed from the waiting list.`;
      await this.load();
    } catch (error) {
      this.message = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const entries = this.entries;
    return html`<section aria-labelledby="waitlist-title">
      <h2 id="waitlist-title">Waiting list</h2>
      <p role="status" aria-live="polite">${this.message}</p>
      <!-- Offers are made in the background (a refund, an expired checkout): look again. -->
      <button class="secondary" ?disabled=${this.busy} @click=${() => void this.refresh()}>Refresh</button>
      ${
        entries === null
          ? html`<p class="note">Loading…</p>`
          : entries.length === 0
            ? html`<p class="note">Nobody is waiting${this.sessionId ? ' for this date' : ''}.</p>`
            : html`<div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">Student</th>
                      <th scope="col" class="num">Seats</th>
                      <th scope="col">Since</th>
                      <th scope="col">Offer</th>
                      <th scope="col" class="no-print">Act</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${entries.map((e) => this.renderRow(e))}
                  </tbody>
                </table>
              </div>`
      }
    </section>`;
  }

  private renderRow(e: Entry) {
    const who = e.email ?? e.userId;
    return html`<tr>
      <td>${e.position}</td>
      <td class="wrap">${who}</td>
      <td class="num">${e.quantity}</td>
      <td>${when(e.createdAt)}</td>
      <td>${e.offer ? `held until ${when(e.offer.expiresAt)}` : nothing}</td>
      <td class="no-print">
        ${
          e.offer
            ? nothing
            : html`<button
                class="secondary"
                ?disabled=${this.busy}
                aria-label="Offer now to ${who}"
                @click=${() => void this.act(e, 'offer')}
              >
                Offer now
              </button>`
        }
        <button
          class="danger"
          ?disabled=${this.busy}
          aria-label="Remove ${who}"
          @click=${() => void this.act(e, 'remove')}
        >
          Remove
        </button>
      </td>
    </tr>`;
  }
}

defineElement('admin-waitlist', AdminWaitlist);

declare global {
  interface HTMLElementTagNameMap {
    'admin-waitlist': AdminWaitlist;
  }
}
