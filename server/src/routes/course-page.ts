import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { Course, CourseSession } from '../../../common/contract.js';
import { formatPrice, minorUnitDigits } from '../../../common/money.js';
import type { CachedCourse, Catalog } from '../courses/catalog.js';
import { isCourseId } from '../courses/course-schema.js';
import { pageStart } from '../http/html-page.js';
import { documented } from '../http/openapi.js';
import { pageLanguage, type PageLanguage } from '../http/page-languages.js';

/** What the page says besides the course, in each language it speaks. */
const words: Record<PageLanguage, { dates: string; free: string; notFound: string; gone: string; script: string }> = {
  en: {
    dates: 'Dates',
    free: 'Free',
    notFound: 'There is no such course.',
    gone: 'This course is no longer for sale.',
    script: 'Booking needs JavaScript.',
  },
  de: {
    dates: 'Termine',
    free: 'Kostenlos',
    notFound: 'Diesen Kurs gibt es nicht.',
    gone: 'Dieser Kurs wird nicht mehr angeboten.',
    script: 'Zum Buchen wird JavaScript benötigt.',
  },
  fr: {
    dates: 'Dates',
    free: 'Gratuit',
    notFound: 'Ce cours n’existe pas.',
    gone: 'Ce cours n’est plus proposé.',
    script: 'La réservation nécessite JavaScript.',
  },
  es: {
    dates: 'Fechas',
    free: 'Gratis',
    notFound: 'Este curso no existe.',
    gone: 'Este curso ya no está a la venta.',
    script: 'Para reservar se necesita JavaScript.',
  },
  ja: {
    dates: '日程',
    free: '無料',
    notFound: 'このコースは存在しません。',
    gone: 'このコースの販売は終了しました。',
    script: '予約には JavaScript が必要です。',
  },
};

/** Where the pages are and how they look: the backend's public origin, and the operator's colour. */
export interface CoursePageOptions {
  publicUrl: string;
  themeColor?: string | undefined;
}

/** Scripts, styles and requests to this origin only; the page may be framed by no one. */
const headers = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cache-Control': 'no-cache',
};

/** The pages rendered, by course version (its ETag), date, language and address: a changed course renders anew. */
const rendered = new Map<string, RenderedPage>();

/** A rendered page, and its answer's headers (its length among them). */
interface RenderedPage {
  html: string;
  headers: Record<string, string>;
}

/**
 * A course's hosted page, from its cached catalog entry (rendered once per version, date and
 * language); null when the course has no such date.
 */
export function coursePageHtml(
  found: CachedCourse,
  sessionId: string | undefined,
  lang: PageLanguage,
  options: CoursePageOptions,
): RenderedPage | null {
  const { publicUrl } = options;
  const key = `${publicUrl}|${options.themeColor}|${found.course.id}|${found.etag}|${sessionId ?? ''}|${lang}`;
  const kept = rendered.get(key);
  if (kept !== undefined) return kept;
  const session = sessionId ? found.course.sessions?.find((s) => s.id === sessionId) : undefined;
  if (sessionId && !session) return null;
  const url = `${publicUrl}/c/${found.course.id}${session ? `/${session.id}` : ''}`;
  const html = String(coursePage(found.course, session, lang, url, options.themeColor));
  const length = String(Buffer.byteLength(html));
  const page = { html, headers: { ...headers, 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': length } };
  rendered.set(key, page);
  if (rendered.size > 2_000) rendered.delete(rendered.keys().next().value!);
  return page;
}

/** The page's language: `?lang=`, else the reader's browser's. */
const languageOf = (query: string | null | undefined, acceptLanguage: string | null | undefined) =>
  pageLanguage(query ?? acceptLanguage);

const pagePath = /^\/c\/([a-z0-9-]{1,100})(?:\/([A-Za-z0-9_-]{1,100}))?\/?(?:\?([^#]*))?$/;

/**
 * The hosted page answered before the framework, from the catalog's cache and the rendered page
 * (a shared link is opened by many at once); undefined for anything it cannot answer with a 200,
 * which the app's route then answers (an unknown course, a date that is not there, a cold cache).
 */
export function coursePageFastPath(catalog: Catalog, options: CoursePageOptions) {
  return (url: string, acceptLanguage: string | undefined) => {
    const match = pagePath.exec(url);
    if (!match?.[1]) return undefined;
    const found = catalog.peek(match[1]);
    if (!found?.active) return undefined;
    const query = match[3] ? new URLSearchParams(match[3]).get('lang') : null;
    const page = coursePageHtml(found, match[2], languageOf(query, acceptLanguage), options);
    return page ? { status: 200 as const, headers: page.headers, body: page.html } : undefined;
  };
}

/**
 * The hosted course page, `GET /c/:courseId` (and `/c/:courseId/:sessionId` for one date): a link
 * to share that needs no site. Rendered on the server, so its title, description, price and dates
 * show with no script at all, with Open Graph and Twitter card tags for a shared link's preview;
 * then the same `<course-booking>` takes over (the fallback is its light DOM, which its own
 * rendering replaces). In the reader's language (`?lang=`, else their browser's). Most requests
 * are answered before the framework (`coursePageFastPath`); this route answers the rest.
 */
export function coursePageRoutes(deps: { catalog: Catalog; page: CoursePageOptions }) {
  const app = new Hono();
  const styles = pageStyles(deps.page.themeColor);
  const page = async (c: Context) => {
    const lang = languageOf(c.req.query('lang'), c.req.header('accept-language'));
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    const courseId = c.req.param('courseId') ?? '';
    const found = isCourseId(courseId) ? await deps.catalog.get(courseId) : null;
    if (!found) return c.html(missingPage(words[lang].notFound, lang), 404);
    if (!found.active) return c.html(missingPage(words[lang].gone, lang), 410);
    const page = coursePageHtml(found, c.req.param('sessionId'), lang, deps.page);
    if (page === null) return c.html(missingPage(words[lang].notFound, lang), 404);
    return c.html(page.html);
  };
  const described = documented({
    summary: 'A course’s own page to share: title, price and dates without script, then the booking widget',
    tag: 'Assets',
    responses: { 200: { description: 'The page', type: 'text/html' } },
    errors: [404, 410],
  });
  app.get('/c/:courseId', described, page);
  app.get('/c/:courseId/:sessionId', described, page);
  app.get(
    '/c.css',
    documented({
      summary: "The hosted course page's own styles",
      tag: 'Assets',
      responses: { 200: { description: 'CSS', type: 'text/css' } },
    }),
    (c) => c.body(styles, 200, { 'Content-Type': 'text/css; charset=UTF-8', 'Cache-Control': 'no-cache' }),
  );
  return app;
}

function coursePage(
  course: Course,
  session: CourseSession | undefined,
  lang: PageLanguage,
  url: string,
  themeColor: string | undefined,
) {
  const t = words[lang];
  const price = course.price ? formatPrice(course.price, course.currency, lang) : t.free;
  const dates = session ? [session] : (course.sessions ?? []);
  const summary = course.description || `${course.title}: ${price}`;
  const major = course.price / 10 ** minorUnitDigits(course.currency);
  // The course's page on the operator's site, when it has one, is the address to share and index.
  const canonical = course.pageUrl ?? url;
  return html`${pageStart(`${course.title} · ${price}`, lang)}
        <meta name="description" content="${summary}" />
        <meta property="og:type" content="product" />
        <meta property="og:title" content="${course.title}" />
        <meta property="og:description" content="${summary}" />
        <meta property="og:url" content="${canonical}" />
        <meta property="product:price:amount" content="${String(major)}" />
        <meta property="product:price:currency" content="${course.currency.toUpperCase()}" />
        ${course.imageUrl ? html`<meta property="og:image" content="${course.imageUrl}" />` : ''}
        <meta name="twitter:card" content="${course.imageUrl ? 'summary_large_image' : 'summary'}" />
        <meta name="twitter:title" content="${course.title}" />
        <meta name="twitter:description" content="${summary}" />
        ${course.imageUrl ? html`<meta name="twitter:image" content="${course.imageUrl}" />` : ''}
        ${themeColor ? html`<meta name="theme-color" content="${themeColor}" />` : ''}
        <link rel="canonical" href="${canonical}" />
        <link rel="stylesheet" href="/c.css" />
        <script type="module" src="/widget.js"></script>
      </head>
      <body>
        <main>
          <h1>${course.title}</h1>
          ${course.description ? html`<p class="description">${course.description}</p>` : ''}
          <course-booking course="${course.id}" ${session ? html`session="${session.id}"` : ''} policy>
            <p class="price">${price}</p>
            ${
              dates.length > 0
                ? html`<h2>${t.dates}</h2>
                    <ul>
                      ${dates.map((d) => html`<li>${when(d, lang)}</li>`)}
                    </ul>`
                : ''
            }
            <noscript><p>${t.script}</p></noscript>
          </course-booking>
        </main>
      </body>
    </html>`;
}

/** A date in its own zone, the zone named: "Sunday, 14 March 2027, 09:00 CET (Europe/Berlin)". */
function when(session: CourseSession, lang: PageLanguage): string {
  const format = new Intl.DateTimeFormat(lang, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: session.timeZone,
  });
  const zone = new Intl.DateTimeFormat(lang, { timeZone: session.timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(session.startsAt))
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${format.format(new Date(session.startsAt))} ${zone ?? ''} (${session.timeZone})`;
}

function missingPage(message: string, lang: PageLanguage) {
  return html`${pageStart(message, lang)}
        <link rel="stylesheet" href="/c.css" />
      </head>
      <body>
        <main><h1>${message}</h1></main>
      </body>
    </html>`;
}

/** The page's styles; the operator's colour, when set, is the price's and the widget's accent. */
const pageStyles = (themeColor: string | undefined) =>
  themeColor
    ? `${baseStyles}:root { --accent: ${themeColor}; }
.price { color: var(--accent); }
course-booking { --cb-accent: var(--accent); }
`
    : baseStyles;

const baseStyles = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
body { margin: 0; background: Canvas; color: CanvasText; }
main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.75rem; margin: 0 0 0.5rem; }
.description { margin: 0 0 1rem; }
.price { font-size: 1.25rem; font-weight: 600; }
course-booking { display: block; min-height: 9em; }
course-booking::part(title) { display: none; }
`;
