import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/booking-harness.js';

// A course's own page to share: its title, price and dates in the HTML itself (no script needed),
// Open Graph and Twitter card tags for the link's preview, the booking widget over them, under a
// strict CSP; an unknown course is a 404 page, an archived one a 410 page.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ themeColor: '#0f766e' });
  const course = { description: 'Two days at the wheel.', price: 12_900, currency: 'eur', active: true };
  await h.catalog.put('wheel-weekend', { ...course, title: 'Wheel weekend' });
  await h.catalog.put('old-kiln', { ...course, title: 'Old kiln', active: false });
  await h.putSession('wheel-weekend', 'march', {
    startsAt: '2027-03-14T09:00:00+01:00',
    endsAt: '2027-03-14T16:00:00+01:00',
    timeZone: 'Europe/Berlin',
  });
});
afterAll(() => h.close());

const page = async (path: string, language?: string) => {
  const res = await fetch(`${h.appUrl}${path}`, { headers: language ? { 'accept-language': language } : {} });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe('GET /c/:courseId', () => {
  it('shows the title, the description, the price and the dates with no script, under the widget', async () => {
    const { status, text, headers } = await page('/c/wheel-weekend');
    expect(status).toBe(200);
    expect(text).toContain('<h1>Wheel weekend</h1>');
    expect(text).toContain('Two days at the wheel.');
    expect(text).toContain('<p class="price">€129.00</p>');
    expect(text).toMatch(/Sunday, March 14, 2027 at 9:00 AM GMT\+1 \(Europe\/Berlin\)/);
    expect(text).toMatch(/<course-booking course="wheel-weekend"\s+policy>/);
    expect(text).toContain('<script type="module" src="/widget.js"></script>');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('carries Open Graph and Twitter card tags for a shared link, and its canonical address', async () => {
    const { text } = await page('/c/wheel-weekend');
    expect(text).toContain('<meta property="og:title" content="Wheel weekend" />');
    expect(text).toContain('<meta property="og:description" content="Two days at the wheel." />');
    expect(text).toContain(`<meta property="og:url" content="${h.appUrl}/c/wheel-weekend" />`);
    expect(text).toContain('<meta property="product:price:amount" content="129" />');
    expect(text).toContain('<meta property="product:price:currency" content="EUR" />');
    expect(text).toContain('<meta name="twitter:card" content="summary" />');
    expect(text).toContain(`<link rel="canonical" href="${h.appUrl}/c/wheel-weekend" />`);
    // The tags are in the head, where a link preview reads them.
    expect(text.indexOf('og:title')).toBeLessThan(text.indexOf('</head>'));
  });

  it("carries the course's picture, names the operator's own page canonical, and wears the operator's colour", async () => {
    const course = {
      title: 'Glaze lab',
      price: 4_900,
      currency: 'eur',
      imageUrl: 'https://images.example.com/glaze.jpg',
    };
    const refused = await h.admin('/courses/glaze-lab', {
      method: 'PUT',
      body: { ...course, imageUrl: 'http://images.example.com/glaze.jpg', pageUrl: 'javascript:alert(1)' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/imageUrl.*must be an https address/);
    expect(JSON.stringify(refused.body)).toMatch(/pageUrl.*must be an https or http address/);
    const saved = await h.admin('/courses/glaze-lab', {
      method: 'PUT',
      body: { ...course, pageUrl: 'https://pottery.example.com/glaze-lab' },
    });
    expect(saved.status).toBe(201);
    const { text } = await page('/c/glaze-lab');
    expect(text).toContain('<meta property="og:image" content="https://images.example.com/glaze.jpg" />');
    expect(text).toContain('<meta name="twitter:card" content="summary_large_image" />');
    expect(text).toContain('<link rel="canonical" href="https://pottery.example.com/glaze-lab" />');
    expect(text).toContain('<meta property="og:url" content="https://pottery.example.com/glaze-lab" />');
    expect(text).toContain('<meta name="theme-color" content="#0f766e" />');
    const css = await (await fetch(`${h.appUrl}/c.css`)).text();
    expect(css).toContain('--accent: #0f766e');
    expect(css).toContain('course-booking { --cb-accent: var(--accent); }');
    // The public read carries both, for the widget and the operator's own tooling.
    const read = (await (await fetch(`${h.appUrl}/api/courses/glaze-lab`)).json()) as Record<string, unknown>;
    expect(read).toMatchObject({ imageUrl: course.imageUrl, pageUrl: 'https://pottery.example.com/glaze-lab' });
  });

  it("speaks the reader's language, and pins one date at /c/:courseId/:sessionId", async () => {
    const german = await page('/c/wheel-weekend/march', 'de-DE,de;q=0.9');
    expect(german.text).toContain('<html lang="de">');
    expect(german.text).toMatch(/129,00\s€/);
    expect(german.text).toContain('Termine');
    expect(german.text).toMatch(/session="march"/);
    expect((await page('/c/wheel-weekend?lang=ja')).text).toContain('日程');
  });

  it('answers a page, not a blank, for an unknown course (404), an unknown date (404) and an archived course (410)', async () => {
    const unknown = await page('/c/no-such-course');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('There is no such course.');
    expect((await page('/c/wheel-weekend/no-such-date')).status).toBe(404);
    const archived = await page('/c/old-kiln');
    expect(archived.status).toBe(410);
    expect(archived.text).toContain('no longer for sale');
  });

  it('lets its own widget book: the backend’s origin is allowed beside the configured sites', async () => {
    const student = h.student();
    const res = await h.api('/api/bookings/create', {
      token: student.token,
      origin: h.appUrl,
      body: { courseId: 'wheel-weekend', sessionId: 'march', returnUrl: `${h.appUrl}/c/wheel-weekend` },
    });
    expect(res.status).toBe(201);
  });
});
