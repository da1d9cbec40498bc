import type { EmbeddedCheckout } from '../../../common/contract.js';

/** A mounted embedded checkout that can be taken down. */
interface Mounted {
  close: () => void;
}

// One embedded checkout per page: opening another closes the first.
let current: Mounted | undefined;

/** Labels of the dialog, in the page's language. */
export interface EmbeddedLabels {
  title: string;
  close: string;
}

/** The widget's theme as it resolved on the element: the dialog lives outside its shadow root. */
export interface EmbeddedTheme {
  accent: string;
  accentText: string;
  radius: string;
}

/**
 * The dialog's styles, adopted by the document through CSSOM (allowed under a strict
 * `style-src`, unlike a `<style>` element). A clear backdrop; on narrow screens a full-screen sheet.
 */
const dialogCss = `
dialog.cb-embedded-checkout { box-sizing: border-box; width: min(100vw - 2rem, 40rem); max-height: calc(100dvh - 2rem);
  padding: 0; border: 0; border-radius: .75rem; overflow: hidden; display: flex; flex-direction: column;
  background: #fff; color: #111827; box-shadow: 0 1.5rem 3rem rgb(0 0 0 / .35); }
dialog.cb-embedded-checkout:not([open]) { display: none; }
dialog.cb-embedded-checkout::backdrop { background: rgb(17 24 39 / .72); backdrop-filter: blur(2px); }
.cb-embedded-checkout header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; margin: 0;
  padding: .5rem .5rem .5rem 1rem; border-bottom: 1px solid #e5e7eb; font: 600 1rem/1.4 system-ui, sans-serif; }
.cb-embedded-checkout header h2 { margin: 0; font: inherit; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.cb-embedded-checkout header button { flex: none; display: inline-flex; align-items: center; justify-content: center;
  width: 2.75rem; height: 2.75rem; padding: 0; border: 0; border-radius: var(--cb-dialog-radius, .5rem);
  background: var(--cb-dialog-accent, #4f46e5); color: var(--cb-dialog-accent-text, #fff); font: 1.5rem/1 system-ui, sans-serif; cursor: pointer; }
.cb-embedded-checkout header button:focus-visible { outline: 3px solid var(--cb-dialog-accent, #4f46e5); outline-offset: 2px; }
.cb-embedded-checkout .cb-embedded-body { flex: 1; min-height: 24rem; overflow: auto; }
.cb-embedded-checkout iframe { display: block; width: 100%; height: 34rem; border: 0; }
@media (max-width: 480px) {
  dialog.cb-embedded-checkout { width: 100vw; max-width: 100vw; height: 100dvh; max-height: 100dvh; margin: 0; border-radius: 0; }
  .cb-embedded-checkout iframe { height: 100%; min-height: 30rem; }
}`;

let adopted = false;

function adoptStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(dialogCss);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/**
 * Shows Stripe's embedded Checkout in a native modal `<dialog>` in the light DOM (Stripe's iframe
 * cannot live in a shadow root): a titled header with a close button in the widget's theme, the
 * page behind it inert, focus kept inside, and on narrow screens a full-screen sheet. Stripe.js is
 * loaded only now, after the click. `onClose` runs when the student closes it (the caller puts
 * focus back on its button); `onComplete` when a payment completed on the page (Stripe's
 * `onComplete`, or the sandbox's page saying so): the dialog is gone and the caller says where the
 * booking stands. Payment methods that must leave the page still go to the return URL.
 */
export async function openEmbeddedCheckout(
  checkout: EmbeddedCheckout,
  labels: EmbeddedLabels,
  theme: EmbeddedTheme,
  onClose: () => void,
  onComplete: () => void,
): Promise<void> {
  closeEmbeddedCheckout();
  adoptStyles();
  const dialog = document.createElement('dialog');
  dialog.className = 'cb-embedded-checkout';
  dialog.setAttribute('aria-labelledby', 'cb-embedded-title');
  dialog.style.setProperty('--cb-dialog-accent', theme.accent);
  dialog.style.setProperty('--cb-dialog-accent-text', theme.accentText);
  dialog.style.setProperty('--cb-dialog-radius', theme.radius);
  const header = document.createElement('header');
  const title = document.createElement('h2');
  title.id = 'cb-embedded-title';
  title.textContent = labels.title;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', labels.close);
  header.append(title, close);
  const container = document.createElement('div');
  container.className = 'cb-embedded-body';
  // Focus stays inside: Tab past the checkout comes back to the close button, Shift+Tab before
  // the close button goes to the checkout (the frame's own fields are its to walk).
  const frameOf = () => container.querySelector('iframe') ?? close;
  dialog.append(
    focusGuard(frameOf),
    header,
    container,
    focusGuard(() => close),
  );
  document.body.append(dialog);

  let destroyStripe = () => {};
  let closed = false;
  // The sandbox's frame keeps its keys and its completion: its page says Escape was pressed, or the payment completed.
  const fromFrame = (event: MessageEvent) => {
    const frame = container.querySelector('iframe');
    if (!frame || event.source !== frame.contentWindow) return;
    const type = (event.data as { type?: unknown } | null)?.type;
    if (type === 'cb-checkout-escape') mounted.close();
    if (type === 'cb-checkout-complete') complete();
  };
  const takeDown = () => {
    if (closed) return false;
    closed = true;
    window.removeEventListener('message', fromFrame);
    destroyStripe();
    dialog.remove();
    if (current === mounted) current = undefined;
    return true;
  };
  const complete = () => takeDown() && onComplete();
  const mounted: Mounted = { close: () => takeDown() && onClose() };
  current = mounted;
  close.addEventListener('click', mounted.close);
  // Escape closes a modal dialog natively, while focus is on the page's side of the frame.
  dialog.addEventListener('close', mounted.close);
  window.addEventListener('message', fromFrame);
  dialog.showModal();
  close.focus();

  if (checkout.frameUrl) {
    // The sandbox's checkout page: a plain frame, since Stripe.js needs Stripe's servers.
    const frame = document.createElement('iframe');
    frame.src = checkout.frameUrl;
    frame.title = labels.title;
    container.append(frame);
    return;
  }
  const { loadStripe } = await import('@stripe/stripe-js');
  const stripe = await loadStripe(checkout.publishableKey);
  if (!stripe || closed) return;
  const embedded = await stripe.createEmbeddedCheckoutPage({
    clientSecret: checkout.clientSecret,
    onComplete: complete,
  });
  if (closed) return embedded.destroy();
  embedded.mount(container);
  destroyStripe = () => embedded.destroy();
}

/** An invisible stop at an edge of the dialog: reaching it by Tab sends focus to `next()`. */
function focusGuard(next: () => HTMLElement): HTMLElement {
  const guard = document.createElement('span');
  guard.tabIndex = 0;
  guard.addEventListener('focus', () => next().focus());
  return guard;
}

/** Closes the page's embedded checkout, if one is open. */
export function closeEmbeddedCheckout(): void {
  current?.close();
}
