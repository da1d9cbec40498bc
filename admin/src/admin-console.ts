import { LitElement, css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { AdminApi, type ConsoleSession } from './api.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';
import './admin-sign-in.js';
import './admin-bookings.js';
import './admin-booking.js';
import './admin-courses.js';
import './admin-session-attendees.js';
import './admin-webhooks.js';
import './admin-outbox.js';
import './admin-endpoints.js';
import './admin-health.js';

/** What the page says about signing in (`#cb-admin-config`). */
export interface ConsoleConfig {
  signIn: 'clerk' | 'development' | 'unavailable';
  clerkPublishableKey?: string;
  clerkFrontendApi?: string;
}

const screens = [
  ['bookings', 'Bookings'],
  ['courses', 'Courses'],
  ['webhooks', 'Webhooks'],
  ['outbox', 'Outbox'],
  ['endpoints', 'Outgoing webhooks'],
  ['health', 'Health'],
] as const;

/**
 * The operator console: signs the operator in, then shows one screen at a time, chosen by the
 * address's hash (`#/bookings`, `#/bookings/<id>`, `#/courses`, `#/courses/<id>/sessions/<id>`,
 * `#/webhooks`, `#/outbox`, `#/endpoints`, `#/endpoints/<id>`, `#/health`).
 */
export class AdminConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      @media print {
        header {
          display: none;
        }
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.25rem;
        padding: 0.75rem 1rem;
        border-bottom: 1px solid var(--line);
      }
      header strong {
        margin-inline-end: auto;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        text-decoration: none;
        padding: 0.25rem 0;
      }
      nav a[aria-current='page'] {
        font-weight: 600;
        border-bottom: 2px solid var(--accent);
      }
      .who {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        font-size: 0.85rem;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .dev {
        background: #fef3c7;
        color: #78350f;
        padding: 0.1rem 0.5rem;
        border-radius: 0.3rem;
      }
      main {
        padding: 1rem;
        max-width: 72rem;
        margin: 0 auto;
      }
    `,
  ];
  static override properties = {
    session: { state: true },
    route: { state: true },
  };

  /** The API client; the page's own origin. */
  api = new AdminApi();
  private session: ConsoleSession | null = this.api.session;
  private route = routeOf(location.hash);
  private readonly config = readConfig();

  override connectedCallback(): void {
    super.connectedCallback();
    this.api.onSignedOut = () => (this.session = null);
    window.addEventListener('hashchange', this.handleHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.handleHashChange);
    super.disconnectedCallback();
  }

  private readonly handleHashChange = () => {
    this.route = routeOf(location.hash);
    void this.focusScreen();
  };

  /** The new screen's heading takes focus, so keyboard and screen reader users start there. */
  private async focusScreen() {
    await this.updateComplete;
    const screen = this.renderRoot.querySelector('main > *') as LitElement | null;
    await screen?.updateComplete;
    (screen?.shadowRoot?.querySelector('h1') as HTMLElement | null)?.focus();
  }

  override render() {
    if (!this.session) {
      return html`<main>
        <admin-sign-in
          .api=${this.api}
          .config=${this.config}
          @admin-signed-in=${(e: CustomEvent<ConsoleSession>) => (this.session = e.detail)}
        ></admin-sign-in>
      </main>`;
    }
    const [screen, id, sessionId] = this.route;
    return html`<header>
        <strong>Course booking · Operator</strong>
        <nav aria-label="Console">
          <ul>
            ${screens.map(
              ([name, label]) =>
                html`<li>
                  <a href="#/${name}" aria-current=${screen === name ? 'page' : nothing}>${label}</a>
                </li>`,
            )}
          </ul>
        </nav>
        <span class="who">
          ${this.session.development ? html`<span class="dev">Development sign-in</span>` : nothing}
          <span title=${this.session.userId}>${this.session.name ?? this.session.userId}</span>
          <button class="secondary" @click=${() => this.api.signOut()}>Sign out</button>
        </span>
      </header>
      <main>${this.renderScreen(screen, id, sessionId)}</main>`;
  }

  private renderScreen(screen: string, id: string | undefined, sessionId: string | undefined) {
    switch (screen) {
      case 'courses':
        return id && sessionId
          ? keyed(
              `${id}/${sessionId}`,
              html`<admin-session-attendees
                .api=${this.api}
                .courseId=${id}
                .sessionId=${sessionId}
              ></admin-session-attendees>`,
            )
          : html`<admin-courses .api=${this.api} .courseId=${id}></admin-courses>`;
      case 'webhooks':
        return html`<admin-webhooks .api=${this.api}></admin-webhooks>`;
      case 'outbox':
        return html`<admin-outbox .api=${this.api}></admin-outbox>`;
      case 'endpoints':
        return keyed(id ?? '', html`<admin-endpoints .api=${this.api} .endpointId=${id}></admin-endpoints>`);
      case 'health':
        return html`<admin-health .api=${this.api}></admin-health>`;
      default:
        return id
          ? html`<admin-booking .api=${this.api} .bookingId=${id}></admin-booking>`
          : html`<admin-bookings .api=${this.api}></admin-bookings>`;
    }
  }
}

/** The screen, its item, and (for a course's date, `#/courses/<id>/sessions/<id>`) the date. */
function routeOf(hash: string): [string, string | undefined, string | undefined] {
  const [, screen = 'bookings', id, sub, subId] = hash.split('/');
  const decoded = (part: string | undefined) => (part ? decodeURIComponent(part) : undefined);
  return [screen, decoded(id), sub === 'sessions' ? decoded(subId) : undefined];
}

function readConfig(): ConsoleConfig {
  try {
    return JSON.parse(document.getElementById('cb-admin-config')?.textContent ?? '') as ConsoleConfig;
  } catch {
    return { signIn: 'development' };
  }
}

defineElement('admin-console', AdminConsole);

declare global {
  interface HTMLElementTagNameMap {
    'admin-console': AdminConsole;
  }
}
