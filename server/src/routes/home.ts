import { Hono } from 'hono';
import { html } from 'hono/html';
import { pageStart } from '../http/html-page.js';
import { documented } from '../http/openapi.js';

/** A page's own styles only; nothing runs, nothing loads, nothing frames it. */
const homeCsp =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * `GET /`: what this server is and the links that matter (the console, the API description, the
 * sites allowed to embed it, the README's sections), instead of a JSON 404 for whoever opens the
 * URL the start command printed.
 */
export function homeRoutes(options: { allowedOrigins: readonly string[] }) {
  const app = new Hono();
  app.get(
    '/',
    documented({
      summary: 'What this server is, with its links',
      tag: 'Assets',
      responses: { 200: { description: 'The page', type: 'text/html' } },
    }),
    (c) => {
      c.header('Content-Security-Policy', homeCsp);
      c.header('Cache-Control', 'no-cache');
      return c.html(homePage(options.allowedOrigins));
    },
  );
  return app;
}

function homePage(allowedOrigins: readonly string[]) {
  const sites = allowedOrigins.map((origin) => html`<li><a href="${origin}/">${origin}</a></li>`);
  return html`${pageStart('Course booking backend')}
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
          code { font-size: 0.95em; }
        </style>
      </head>
      <body>
        <main>
          <h1>Course booking backend</h1>
          <p>
            This server keeps the course catalog and the bookings, creates Stripe Checkout sessions, applies
            Stripe's webhooks and signs students in. Site owners put its widget on their pages with
            <code>&lt;script type="module" src="/widget.js"&gt;</code> and <code>&lt;course-booking course="…"&gt;</code>.
          </p>
          <h2>Links</h2>
          <ul>
            <li><a href="/admin">Operator console</a></li>
            <li><a href="/api/openapi.json">API description</a> (OpenAPI 3.1)</li>
            <li><a href="/api/courses">Courses</a> (JSON)</li>
            <li><a href="/readyz">Readiness</a></li>
          </ul>
          <h2>Sites allowed to embed it</h2>
          ${
            sites.length
              ? html`<ul>
                  ${sites}
                </ul>`
              : html`<p>None yet: set <code>ALLOWED_ORIGINS</code>.</p>`
          }
          <h2>In the README</h2>
          <p>
            <em>Embedding the widget</em> (for site owners), <em>Going live</em> (<code>npm run migrate</code>,
            <code>npm run setup:stripe</code>, <code>npm run doctor</code>), <em>Operating</em> and <em>HTTP API</em>.
          </p>
        </main>
      </body>
    </html>`;
}
