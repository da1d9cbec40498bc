import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { pageStart } from '../http/html-page.js';
import { isCourseId } from '../courses/course-schema.js';
import { errors } from '../errors.js';
import { documented } from '../http/openapi.js';
import { pageCsp } from '../http/page-csp.js';
import { frontendApiOf } from './auth.js';

/** What the console's script reads from its page (JSON, so no inline script runs under the CSP). */
export interface ConsoleConfig {
  /** How operators sign in: Clerk on this page, or development sign-in by name. */
  signIn: 'clerk' | 'development' | 'unavailable';
  clerkPublishableKey: string | undefined;
  clerkFrontendApi: string | undefined;
}

/** The operator console at `/admin`: a page that loads `admin.js`, under a strict CSP. */
export function adminConsoleRoutes(options: { devSignIn: boolean; clerkPublishableKey: string | undefined }) {
  const app = new Hono();
  const clerkFrontendApi = options.clerkPublishableKey ? frontendApiOf(options.clerkPublishableKey) : undefined;
  const config: ConsoleConfig = {
    signIn: options.devSignIn ? 'development' : options.clerkPublishableKey ? 'clerk' : 'unavailable',
    clerkPublishableKey: options.clerkPublishableKey,
    clerkFrontendApi,
  };
  app.get(
    '/admin',
    documented({
      summary: 'The operator console (its screens call /api/admin/*)',
      tag: 'Operator',
      responses: { 200: { description: 'The page', type: 'text/html' } },
    }),
    (c) => {
      for (const [name, value] of Object.entries(consoleHeaders(clerkFrontendApi))) c.header(name, value);
      return c.html(consolePage(config));
    },
  );
  app.get(
    '/admin/preview',
    documented({
      summary: "A course's <course-booking> element alone, as a site shows it: the console frames it as its preview",
      tag: 'Operator',
      responses: { 200: { description: 'The page', type: 'text/html' } },
      errors: [400],
    }),
    (c) => {
      const course = c.req.query('course') ?? '';
      if (!isCourseId(course)) throw errors.invalidRequest('Invalid query.', { course: 'must be a course id' });
      for (const [name, value] of Object.entries(previewHeaders)) c.header(name, value);
      return c.html(previewPage(course));
    },
  );
  app.get(
    '/admin.css',
    documented({
      summary: "The console page's own styles",
      tag: 'Assets',
      responses: { 200: { description: 'CSS', type: 'text/css' } },
    }),
    (c) => c.body(pageStyles, 200, { 'Content-Type': 'text/css; charset=UTF-8', 'Cache-Control': 'no-cache' }),
  );
  return app;
}

/**
 * Scripts and styles from this origin only (Clerk's when it signs in here); the element styles are
 * constructed stylesheets, which a strict `style-src` allows. The page may not be framed.
 */
function consoleHeaders(clerk: string | undefined): Record<string, string> {
  // The course preview is a page of this origin, framed here.
  const csp = pageCsp(clerk, { frames: ["'self'"], formAction: "'none'" });
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/** The preview page: the widget from this origin, framed by the console only. */
const previewHeaders = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function previewPage(course: string) {
  return html`${pageStart('Preview')}
        <link rel="stylesheet" href="/admin.css" />
        <script type="module" src="/widget.js"></script>
      </head>
      <body class="preview">
        <course-booking course="${course}"></course-booking>
      </body>
    </html>`;
}

function consolePage(config: ConsoleConfig) {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return html`${pageStart('Course booking · Operator console')}
        <link rel="stylesheet" href="/admin.css" />
        <script id="cb-admin-config" type="application/json">
          ${raw(json)}
        </script>
        <script type="module" src="/admin.js"></script>
      </head>
      <body>
        <admin-console></admin-console>
        <noscript>The operator console needs JavaScript.</noscript>
      </body>
    </html>`;
}

const pageStyles = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
body { margin: 0; background: Canvas; color: CanvasText; }
admin-console:not(:defined) { display: block; min-height: 100vh; }
body.preview { margin: 0; padding: 2px; background: transparent; }
course-booking:not(:defined) { display: block; min-height: calc(9em + 2px); }
`;
