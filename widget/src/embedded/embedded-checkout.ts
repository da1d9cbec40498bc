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

/**
 * Shows Stripe's embedded Checkout in a native modal `<dialog>` in the light DOM (Stripe's iframe
 * cannot live in a shadow root). Stripe.js is loaded only now, after the click. `onClose` runs when
 * the student closes it; paying sends the whole page to the return URL, as Stripe does.
 */
export async function openEmbeddedCheckout(
  checkout: EmbeddedCheckout,
  labels: EmbeddedLabels,
  onClose: () => void,
): Promise<void> {
  closeEmbeddedCheckout();
  const dialog = document.createElement('dialog');
  dialog.className = 'cb-embedded-checkout';
  dialog.setAttribute('aria-label', labels.title);
  dialog.style.cssText =
    'width:min(100vw - 2rem, 40rem);max-height:calc(100vh - 2rem);padding:0;border:0;border-radius:.75rem;overflow:auto;';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', labels.close);
  close.style.cssText =
    'position:sticky;top:.5rem;float:right;margin:.5rem;font:inherit;font-size:1.5rem;line-height:1;';
  const container = document.createElement('div');
  container.style.minHeight = '24rem';
  dialog.append(close, container);
  document.body.append(dialog);

  let destroyStripe = () => {};
  let closed = false;
  const mounted: Mounted = {
    close: () => {
      if (closed) return;
      closed = true;
      destroyStripe();
      dialog.remove();
      if (current === mounted) current = undefined;
      onClose();
    },
  };
  current = mounted;
  close.addEventListener('click', mounted.close);
  // Escape closes a modal dialog natively.
  dialog.addEventListener('close', mounted.close);
  dialog.showModal();
  close.focus();

  if (checkout.frameUrl) {
    // The sandbox's checkout page: a plain frame, since Stripe.js needs Stripe's servers.
    const frame = document.createElement('iframe');
    frame.src = checkout.frameUrl;
    frame.title = labels.title;
    frame.style.cssText = 'width:100%;height:32rem;border:0;';
    container.append(frame);
    return;
  }
  const { loadStripe } = await import('@stripe/stripe-js');
  const stripe = await loadStripe(checkout.publishableKey);
  if (!stripe || closed) return;
  const embedded = await stripe.createEmbeddedCheckoutPage({ clientSecret: checkout.clientSecret });
  if (closed) return embedded.destroy();
  embedded.mount(container);
  destroyStripe = () => embedded.destroy();
}

/** Closes the page's embedded checkout, if one is open. */
export function closeEmbeddedCheckout(): void {
  current?.close();
}
