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

/** Said on `window` when the student signs out, so every element on the page forgets them. */
export const signedOutEvent = 'cb-signed-out';

/**
 * Signs the student in through a popup on the backend's origin. The widget token is kept for the
 * visit in `sessionStorage` (per backend; the storage itself is per host origin), so Stripe's
 * full-page round trip and a reload keep the student signed in, until the token expires, the API
 * refuses it, or they sign out. One per backend, shared by every element on the page, and one
 * sign-in at a time.
 */
export class AuthClient {
  private token: { value: string; expiresAt: number } | undefined;
  private signingIn: Promise<string> | undefined;
  /** Storage refused the token (a full quota): it lives in memory for this page. */
  private memoryOnly = false;

  constructor(private readonly api: string) {}

  private get storageKey(): string {
    return `cb-token:${new URL(this.api).origin}`;
  }

  /**
   * The token of this visit, if it is still good. The stored one is the truth (widget.js and
   * dashboard.js each have a client, and either may sign in or out); memory stands in where
   * storage is refused.
   */
  current(): string | undefined {
    const stored = this.memoryOnly ? 'refused' : readStored(this.storageKey);
    if (stored !== 'refused') this.token = stored;
    if (this.token && this.token.expiresAt - marginMs > Date.now()) return this.token.value;
    this.clear();
    return undefined;
  }

  /** Forgets the token (after the API refused it). */
  clear(): void {
    this.token = undefined;
    try {
      sessionStorage.removeItem(this.storageKey);
    } catch {
      // Storage refused: the token lived in memory only.
    }
  }

  /** Forgets the token and tells every element on the page. */
  signOut(): void {
    this.clear();
    window.dispatchEvent(new Event(signedOutEvent));
  }

  /**
   * Opens the sign-in popup and resolves with a token. Call it synchronously from a click handler:
   * the popup opens before anything is awaited, so popup blockers allow it. A sign-in already
   * running is shared rather than opened twice. `courseId` lets the popup say what it is for.
   */
  signIn(lang?: string, courseId?: string): Promise<string> {
    this.signingIn ??= this.openPopup(lang, courseId).finally(() => (this.signingIn = undefined));
    return this.signingIn;
  }

  /** Opens the popup, in the host page's language, naming the course it signs in to book (if any). */
  private openPopup(lang: string | undefined, courseId: string | undefined): Promise<string> {
    const apiOrigin = new URL(this.api).origin;
    const state = randomState();
    const query = new URLSearchParams({ origin: location.origin, state });
    if (lang) query.set('lang', lang);
    if (courseId) query.set('course', courseId);
    const url = `${apiOrigin}/auth/popup?${query}`;
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
        try {
          sessionStorage.setItem(this.storageKey, JSON.stringify(this.token));
          this.memoryOnly = false;
        } catch {
          // Storage refused (a sandboxed frame, privacy settings, a full quota): for this page then.
          this.memoryOnly = true;
        }
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

function readStored(key: string): { value: string; expiresAt: number } | undefined | 'refused' {
  let text: string | null;
  try {
    text = sessionStorage.getItem(key);
  } catch {
    return 'refused';
  }
  try {
    const stored = JSON.parse(text ?? 'null') as { value?: unknown; expiresAt?: unknown } | null;
    if (typeof stored?.value === 'string' && typeof stored.expiresAt === 'number') {
      return { value: stored.value, expiresAt: stored.expiresAt };
    }
  } catch {
    // Not ours: nothing stored.
  }
  return undefined;
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
