import { html, raw } from 'hono/html';
import { pageStart } from '../http/html-page.js';
import { pageCsp } from '../http/page-csp.js';
import type { PageLanguage, PopupText } from '../http/page-languages.js';

/** What the popup script needs, embedded as JSON (no inline script runs under the CSP). */
export interface PopupConfig {
  origin: string;
  state: string;
  exchangeUrl: string;
  mode: 'clerk' | 'development';
  clerkPublishableKey: string | undefined;
  clerkFrontendApi: string | undefined;
  /** The host page's language, and what the popup says in it. */
  lang: PageLanguage;
  text: PopupText;
  /** The course being booked, when the widget named one the catalog knows. */
  courseTitle?: string | undefined;
}

/**
 * A strict Content-Security-Policy for the popup, opening only what Clerk's sign-in needs. No
 * Cross-Origin-Opener-Policy: `same-origin` would cut `window.opener`, which the token travels by.
 */
export function popupSecurityHeaders(clerkFrontendApi: string | undefined): Record<string, string> {
  const csp = pageCsp(clerkFrontendApi, { frames: [], formAction: "'self'" });
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'unsafe-none',
  };
}

/** The sign-in page. With a `problem` it shows only the problem and loads no script. */
export function popupPage(config: PopupConfig, problem?: string) {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const development = config.mode === 'development';
  const { text } = config;
  return html`${pageStart(development ? `${text.developmentTitle} ${text.title}` : text.title, config.lang)}
        <link rel="stylesheet" href="/auth/popup.css" />
        <script id="cb-config" type="application/json">
          ${raw(json)}
        </script>
        ${problem ? '' : html`<script type="module" src="/auth/popup.js"></script>`}
      </head>
      <body>
        <main>
          ${
            development
              ? html`<p class="banner" role="note">
                  <strong>${text.developmentTitle}</strong> ${text.developmentNote}
                </p>`
              : ''
          }
          <h1>${text.heading}</h1>
          ${problem ? '' : html`<p class="context">${signInContext(config)}</p>`}
          ${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
          <div id="app" aria-live="polite"></div>
        </main>
      </body>
    </html>`;
}

/** Which course and which site this sign-in is for: the student sees what they are about to trust. */
function signInContext({ text, origin, courseTitle }: PopupConfig): string {
  const site = new URL(origin).host;
  return courseTitle
    ? text.forCourse.replace('{course}', courseTitle).replace('{site}', site)
    : text.forSite.replace('{site}', site);
}

/** The popup's own styles, served from its origin (the CSP allows no inline styles). */
export const popupStyles = `
body { font-family: system-ui, sans-serif; margin: 0; color: #111827; }
main { max-width: 26rem; margin: 2rem auto; padding: 0 1rem; }
.banner { background: #fef3c7; border: 1px solid #f59e0b; padding: 0.75rem 1rem; border-radius: 0.5rem; }
.error { color: #b91c1c; }
.context { color: #374151; overflow-wrap: anywhere; }
label { display: block; margin-bottom: 0.25rem; }
input { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; margin-bottom: 0.75rem; }
button { font: inherit; padding: 0.6rem 1.1rem; border-radius: 0.4rem; border: 0; background: #4f46e5; color: #fff; cursor: pointer; }
button:focus-visible, input:focus-visible { outline: 3px solid #4f46e5; outline-offset: 2px; }
`;
