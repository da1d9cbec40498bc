import { html } from 'hono/html';
import { formatPrice } from '../../common/money.js';
import { pageStart } from '../src/http/html-page.js';
import { pageLanguage, payTexts } from '../src/http/page-languages.js';
import { sandboxPromotionCode, type SandboxSession } from './sessions.js';

/** How the pay page is shown: in the widget's dialog, with a notice, with a promotion code typed or applied. */
export interface PayPageState {
  embedded?: boolean;
  notice?: 'declined' | 'invalidCode' | undefined;
  /** What the student typed in the code field: kept, right or wrong. */
  code?: string | undefined;
  /** What the applied code takes off: the amount and the Pay button show the total after it. */
  discount?: number | undefined;
}

/** The sandbox's checkout page. It says plainly that no money moves. */
export function payPage(
  session: SandboxSession,
  { productName, promotionCodes }: { productName: string; promotionCodes: boolean },
  { embedded = false, notice, code = '', discount = 0 }: PayPageState = {},
) {
  // In the student's language, as Stripe Checkout would be (the session's `locale`).
  const lang = pageLanguage(session.locale);
  const t = payTexts[lang];
  // Embedded, the page sits in the widget's dialog: paying sends the whole window on, as Stripe's
  // embedded Checkout does, unless the session completes on the page (`redirect_on_completion`).
  const top = embedded && session.redirect_on_completion === 'always' ? '_top' : '_self';
  const query = embedded ? '?embedded=1' : '';
  const amount = formatPrice(session.amount_total - discount, session.currency, lang);
  const listPrice = formatPrice(session.amount_total, session.currency, lang);
  const open = session.status === 'open';
  const { percentOff } = sandboxPromotionCode;
  return html`${pageStart(t.title, lang)}
        <style>
          body {
            font-family: system-ui, sans-serif;
            max-width: 32rem;
            margin: 2rem auto;
            padding: 0 1rem;
            color: #111827;
          }
          .banner {
            background: #fef3c7;
            border: 1px solid #f59e0b;
            padding: 0.75rem 1rem;
            border-radius: 0.5rem;
          }
          .notice {
            background: #fee2e2;
            border: 1px solid #ef4444;
            padding: 0.75rem 1rem;
            border-radius: 0.5rem;
          }
          form {
            display: inline;
          }
          button {
            font: inherit;
            padding: 0.6rem 1.1rem;
            margin: 0.25rem 0.25rem 0 0;
            border-radius: 0.4rem;
            border: 1px solid #9ca3af;
            cursor: pointer;
          }
          button.primary {
            background: #4f46e5;
            color: #fff;
            border-color: #4f46e5;
          }
        </style>
      </head>
      <body>
        <p class="banner" role="note"><strong>${t.bannerTitle}</strong> ${t.banner}</p>
        <h1>${productName}</h1>
        <p id="amount">${discount ? html`<s>${listPrice}</s> ` : ''}${amount}</p>
        ${notice ? html`<p class="notice" role="alert">${t[notice]}</p>` : ''}
        ${
          open
            ? html`<div>
                <form method="post" action="/pay/${session.id}/pay${query}" target=${top}>
                  ${
                    promotionCodes
                      ? html`<p>
                          <label for="promotion-code">${t.promotionCode}</label>
                          <input id="promotion-code" name="promotion_code" autocomplete="off" value="${code}" />
                          <button type="submit" formaction="/pay/${session.id}/apply${query}" formtarget="_self">
                            ${t.apply}
                          </button>
                          ${
                            discount
                              ? html`<small role="status"
                                  >${t.applied
                                    .replace('{code}', code.trim().toUpperCase())
                                    .replace('{percent}', String(percentOff))}</small
                                >`
                              : html`<small
                                  >${t.promotionHint
                                    .replace('{code}', sandboxPromotionCode.code)
                                    .replace('{percent}', String(percentOff))}</small
                                >`
                          }
                        </p>`
                      : ''
                  }
                  <button class="primary" type="submit">${t.pay} ${amount}</button>
                </form>
                <form method="post" action="/pay/${session.id}/decline${query}">
                  <button type="submit">${t.decline}</button>
                </form>
                <form method="post" action="/pay/${session.id}/delayed" target=${embedded ? '_top' : '_self'}>
                  <button type="submit">${t.payLater}</button>
                </form>
                ${
                  embedded
                    ? ''
                    : html`<form method="post" action="/pay/${session.id}/cancel">
                        <button type="submit">${t.cancel}</button>
                      </form>`
                }
              </div>`
            : html`<p role="status">${session.status === 'expired' ? t.expired : t.complete}</p>`
        }
        ${
          embedded
            ? html`<script>
                // In the widget's dialog the frame keeps its keys: Escape here asks the dialog to close.
                addEventListener('keydown', (event) => {
                  if (event.key === 'Escape') parent.postMessage({ type: 'cb-checkout-escape' }, '*');
                });
              </script>`
            : ''
        }
      </body>
    </html>`;
}

/**
 * What the dialog's frame shows once a card payment completed on the page: it tells the widget, as
 * Stripe.js calls `onComplete`, and the widget closes the dialog and says where the booking stands.
 */
export function embeddedCompletePage() {
  return html`${pageStart('Payment complete')}
      <body>
        <p role="status">Payment complete.</p>
        <script>
          parent.postMessage({ type: 'cb-checkout-complete' }, '*');
        </script>
      </body>
    </html>`;
}
