import { html } from 'hono/html';
import { pageStart } from '../src/http/html-page.js';

/**
 * The sandbox's `/` (it runs in development only): what it is, that no money moves, and where to
 * look (the backend it sends webhooks to, the events it sent, the sessions it holds).
 */
export function sandboxHomePage(backendUrl: string | undefined, inbox = false) {
  return html`${pageStart('Sandbox checkout')}
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
        </style>
      </head>
      <body>
        <main>
          <h1>Sandbox checkout</h1>
          <p>
            <strong>No money moves here.</strong> This is a local, Stripe-compatible checkout for development and
            tests: the backend creates its Checkout Sessions through the <code>stripe</code> SDK, students pay on
            its pay pages, and it sends signed webhooks back.
          </p>
          <ul>
            ${backendUrl ? html`<li><a href="${backendUrl}/">The backend</a> it sends webhooks to</li>` : ''}
            ${inbox ? html`<li><a href="/inbox">Inbox</a>: every email the backend sent</li>` : ''}
            <li><a href="/sandbox/events">Events it sent</a> (JSON, with each delivery's attempts)</li>
            <li><a href="/sandbox/sessions">Checkout Sessions it holds</a> (JSON)</li>
          </ul>
          <p>The README's <em>The sandbox</em> section says what each page and operator call does.</p>
        </main>
      </body>
    </html>`;
}
