/** Why signing in did not give a token. */
export type AuthErrorCode = 'popup_blocked' | 'popup_closed';

/** A sign-in that did not finish. */
export class AuthError extends Error {
  constructor(readonly code: AuthErrorCode) {
    super(code);
  }
}

/** Supplies tokens directly, for sites that run the operator's Clerk themselves (e.g. `() => Clerk.session.getToken()`). */
export type TokenSource = () => Promise<string | null | undefined>;

/** Tokens expire this long before they say, so a request never starts with a token about to lapse. */
const marginMs = 60_000;

/**
 * Signs the student in through a popup on the backend's origin and keeps the widget token in
 * memory only. One per backend, shared by every element on the page.
 */
export class AuthClient {
  private token: { value: string; expiresAt: number } | undefined;

  constructor(private readonly api: string) {}

  /** The token in memory, if it is still good. */
  current(): string | undefined {
    if (this.token && this.token.expiresAt - marginMs > Date.now()) return this.token.value;
    this.token = undefined;
    return undefined;
  }

  /** Forgets the token (after the API refused it). */
  clear(): void {
    this.token = undefined;
  }

  /**
   * Opens the sign-in popup and resolves with a token. Call it synchronously from a click handler:
   * the popup opens before anything is awaited, so popup blockers allow it.
   */
  signIn(): Promise<string> {
    const apiOrigin = new URL(this.api).origin;
    const state = randomState();
    const url = `${apiOrigin}/auth/popup?origin=${encodeURIComponent(location.origin)}&state=${state}`;
    let popup: Window | null = null;
    try {
      popup = window.open(url, 'cb-sign-in', 'popup,width=480,height=680');
    } catch {
      // A sandboxed frame without allow-popups may throw instead of answering null.
    }
    if (!popup) return Promise.reject(new AuthError('popup_blocked'));
    popup.focus();
    return new Promise((resolve, reject) => {
      const receive = (event: MessageEvent) => {
        // Only the popup we opened, on the backend's origin, answering our own state.
        if (event.origin !== apiOrigin || event.source !== popup) return;
        const data = event.data as { type?: unknown; token?: unknown; expiresAt?: unknown; state?: unknown } | null;
        if (data?.type !== 'cb-auth' || data.state !== state || typeof data.token !== 'string') return;
        finish();
        this.token = { value: data.token, expiresAt: Date.parse(String(data.expiresAt)) || 0 };
        resolve(data.token);
      };
      const watch = setInterval(() => {
        if (!popup!.closed) return;
        finish();
        reject(new AuthError('popup_closed'));
      }, 250);
      const finish = () => {
        clearInterval(watch);
        window.removeEventListener('message', receive);
      };
      window.addEventListener('message', receive);
    });
  }
}

const clients = new Map<string, AuthClient>();

/** The page's auth client for a backend. */
export function authClientFor(api: string): AuthClient {
  let client = clients.get(api);
  if (!client) clients.set(api, (client = new AuthClient(api)));
  return client;
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
