import { LitElement, html, nothing } from 'lit';
import type { AdminApi, ConsoleSession } from './api.js';
import type { ConsoleConfig } from './admin-console.js';
import { defineElement } from '../../widget/src/internal/define.js';
import { consoleStyles } from './styles.js';

interface ClerkLike {
  load(): Promise<void>;
  session?: { getToken(): Promise<string | null> } | null;
  mountSignIn(node: HTMLElement, options?: Record<string, unknown>): void;
  addListener(listener: (state: { session?: unknown }) => void): () => void;
}

/**
 * The console's sign-in: Clerk's sign-in on this page (first-party here), or in development a name,
 * labelled as such. Fires `admin-signed-in` with the session.
 *
 * @fires admin-signed-in - the operator signed in; `detail` is the session
 */
export class AdminSignIn extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    api: { attribute: false },
    config: { attribute: false },
    busy: { state: true },
    problem: { state: true },
  };

  api!: AdminApi;
  config: ConsoleConfig = { signIn: 'unavailable' };
  private busy = false;
  private problem = '';

  override firstUpdated(): void {
    if (this.config.signIn === 'clerk') void this.startClerk();
  }

  override render() {
    return html`<h1 tabindex="-1">Operator console</h1>
      ${
        this.config.signIn === 'development'
          ? html`<p role="note">
                <strong>Development sign-in.</strong> No password is checked; this works only under
                <code>npm start</code> (DEV_SIGN_IN=1). Sign in as <code>admin</code>.
              </p>
              <form @submit=${this.handleDevSignIn}>
                <label>Name <input name="name" autocomplete="username" required value="admin" /></label>
                <div class="actions"><button ?disabled=${this.busy}>Sign in</button></div>
              </form>`
          : this.config.signIn === 'clerk'
            ? html`<p>Sign in with your operator account.</p>
                <div id="clerk"></div>`
            : html`<p class="error">
                Sign-in is not configured (CLERK_PUBLISHABLE_KEY). Scripts can use ADMIN_API_KEY.
              </p>`
      }
      <p role="status" aria-live="polite" class="error">${this.problem || nothing}</p>`;
  }

  private async handleDevSignIn(event: SubmitEvent) {
    event.preventDefault();
    const name = new FormData(event.target as HTMLFormElement).get('name');
    await this.finish({ devName: String(name ?? '') });
  }

  private async finish(proof: { devName: string } | { clerkToken: string }) {
    this.busy = true;
    this.problem = '';
    try {
      const session = await this.api.signIn(proof);
      this.dispatchEvent(
        new CustomEvent<ConsoleSession>('admin-signed-in', { detail: session, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private async startClerk() {
    try {
      const clerk = await loadClerk(this.config);
      await clerk.load();
      const signedIn = async () => this.finish({ clerkToken: (await clerk.session?.getToken()) ?? '' });
      if (clerk.session) return await signedIn();
      await this.updateComplete;
      clerk.mountSignIn(this.renderRoot.querySelector('#clerk') as HTMLElement, { routing: 'virtual' });
      const stop = clerk.addListener(({ session }) => {
        if (!session) return;
        stop();
        void signedIn();
      });
    } catch (error) {
      this.problem = `Sign-in could not start: ${(error as Error).message}`;
    }
  }
}

/** Loads @clerk/clerk-js from the Clerk instance's Frontend API, as Clerk serves it to pages without a bundler. */
function loadClerk(config: ConsoleConfig): Promise<ClerkLike> {
  const global = window as unknown as { Clerk?: ClerkLike };
  if (global.Clerk) return Promise.resolve(global.Clerk);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${config.clerkFrontendApi}/npm/@clerk/clerk-js@6/dist/clerk.browser.js`;
    script.crossOrigin = 'anonymous';
    script.dataset.clerkPublishableKey = config.clerkPublishableKey ?? '';
    script.addEventListener('load', () =>
      global.Clerk ? resolve(global.Clerk) : reject(new Error('Clerk did not start.')),
    );
    script.addEventListener('error', () => reject(new Error('Clerk could not be loaded.')));
    document.head.append(script);
  });
}

defineElement('admin-sign-in', AdminSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'admin-sign-in': AdminSignIn;
  }
}
