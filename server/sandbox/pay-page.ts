import { html } from 'hono/html';
import { formatPrice } from '../../common/money.js';
import { pageStart } from '../src/http/html-page.js';
import { pageLanguage, payTexts } from '../src/http/page-languages.js';
import { sandboxPromotionCode, type SandboxSession } from './sessions.js';

/** The sandbox's checkout page. It says plainly that no money moves. */
export function payPage(
  session: SandboxSession,
  { productName, promotionCodes }: { productName: string; promotionCodes: boolean },
  notice?: 'declined' | 'invalidCode',
  embedded = false,
) {
  // In the student's language, as Stripe Checkout would be (the session's `locale`).
  const lang = pageLanguage(session.locale);
  const t = payTexts[lang];
  // Embedded, the page sits in the widget's dialog: paying sends the whole window on, as Stripe's embedded Checkout does.
  const top = embedded ? '_top' : '_self';
  const amount = formatPrice(session.amount_total, session.currency, lang);
  const open = session.status === 'open';
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
        <p id="amount">${amount}</p>
        ${notice ? html`<p class="notice" role="alert">${t[notice]}</p>` : ''}
        ${
          open
            ? html`<div>
                <form method="post" action="/pay/${session.id}/pay${embedded ? '?embedded=1' : ''}" target=${top}>
                  ${
                    promotionCodes
                      ? html`<p>
                          <label for="promotion-code">${t.promotionCode}</label>
                          <input id="promotion-code" name="promotion_code" autocomplete="off" />
                          <small
                            >${t.promotionHint
                              .replace('{code}', sandboxPromotionCode.code)
                              .replace('{percent}', String(sandboxPromotionCode.percentOff))}</small
                          >
                        </p>`
                      : ''
                  }
                  <button class="primary" type="submit">${t.pay} ${amount}</button>
                </form>
                <form method="post" action="/pay/${session.id}/decline${embedded ? '?embedded=1' : ''}">
                  <button type="submit">${t.decline}</button>
                </form>
                <form method="post" action="/pay/${session.id}/delayed" target=${top}>
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
      </body>
    </html>`;
}
