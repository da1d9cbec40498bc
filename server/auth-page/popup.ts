// The sign-in popup, on the backend's origin. It signs the student in (Clerk, or a development
// name), exchanges the session for a widget token, posts it to the opener at exactly the host
// page's origin, and closes.
import type { PopupConfig } from '../src/routes/auth-popup-page.js';

interface ClerkLike {
  load(): Promise<void>;
  session: { getToken(): Promise<string | null> } | null | undefined;
  mountSignIn(node: HTMLDivElement, props?: Record<string, unknown>): void;
  addListener(listener: (resources: { session?: unknown }) => void): () => void;
}

declare global {
  interface Window {
    Clerk?: ClerkLike;
  }
}

const config = JSON.parse(document.getElementById('cb-config')!.textContent!) as PopupConfig;
const app = document.getElementById('app')!;
const text = config.text;

/** Shows a message and, where it helps, a button to try again. */
function show(message: string, retry?: () => void): void {
  app.replaceChildren();
  const p = document.createElement('p');
  p.textContent = message;
  p.className = retry ? 'error' : 'status';
  app.append(p);
  if (retry) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text.tryAgain;
    button.addEventListener('click', retry);
    app.append(button);
    button.focus();
  }
}

async function exchange(
  body: Record<string, string>,
  clerkToken?: string,
): Promise<{ token: string; expiresAt: string }> {
  const res = await fetch(config.exchangeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(clerkToken ? { authorization: `Bearer ${clerkToken}` } : {}) },
    body: JSON.stringify({ origin: config.origin, ...body }),
  });
  const answer = (await res.json().catch(() => null)) as {
    token: string;
    expiresAt: string;
    error?: { message: string };
  } | null;
  if (!res.ok || !answer?.token)
    throw new Error(answer?.error?.message ?? `The sign-in service answered ${res.status}.`);
  return answer;
}

/** Hands the token to the widget that opened this window, and closes. */
function deliver(result: { token: string; expiresAt: string }): void {
  if (!window.opener) {
    show(text.openerGone);
    return;
  }
  // Targeted at exactly the host page's origin: no other page can receive the token.
  (window.opener as Window).postMessage(
    { type: 'cb-auth', token: result.token, expiresAt: result.expiresAt, state: config.state },
    config.origin,
  );
  show(text.signedIn);
  window.close();
}

function developmentSignIn(): void {
  app.replaceChildren();
  const form = document.createElement('form');
  const label = document.createElement('label');
  label.htmlFor = 'name';
  label.textContent = text.signInAs;
  const input = document.createElement('input');
  Object.assign(input, { id: 'name', name: 'name', autocomplete: 'username', required: true, maxLength: 100 });
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.textContent = text.signIn;
  form.append(label, input, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim();
    if (!name) return;
    show(text.signingIn);
    exchange({ devName: name }).then(deliver, (error: Error) =>
      show(`${text.failed} ${error.message}`, developmentSignIn),
    );
  });
  app.append(form);
  (form.elements.namedItem('name') as HTMLInputElement).focus();
}

async function clerkSignIn(): Promise<void> {
  show(text.loading);
  try {
    await loadClerkScript();
    const clerk = window.Clerk!;
    await clerk.load();
    const finish = async () => deliver(await exchange({}, (await clerk.session!.getToken()) ?? ''));
    if (clerk.session) return await finish();
    app.replaceChildren();
    const mount = document.createElement('div');
    app.append(mount);
    clerk.mountSignIn(mount, { routing: 'virtual' });
    const stop = clerk.addListener(({ session }) => {
      if (!session) return;
      stop();
      finish().catch((error: Error) => show(`${text.failed} ${error.message}`, () => void clerkSignIn()));
    });
  } catch (error) {
    show(`${text.couldNotStart} ${(error as Error).message}`, () => void clerkSignIn());
  }
}

/** Loads @clerk/clerk-js from the Clerk instance's Frontend API, the way Clerk serves it to pages without a bundler. */
function loadClerkScript(): Promise<void> {
  if (window.Clerk) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${config.clerkFrontendApi}/npm/@clerk/clerk-js@6/dist/clerk.browser.js`;
    script.crossOrigin = 'anonymous';
    script.dataset.clerkPublishableKey = config.clerkPublishableKey ?? '';
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error('Clerk could not be loaded.')));
    document.head.append(script);
  });
}

if (!window.opener) {
  show(text.noOpener);
} else if (config.mode === 'development') {
  developmentSignIn();
} else {
  void clerkSignIn();
}
