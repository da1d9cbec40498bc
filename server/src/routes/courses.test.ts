import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../../common/contract.js';
import { createTestApp, putCourse, type TestApp } from '../../../test/support/test-app.js';
import { poll } from '../../../test/support/poll.js';
import { createCatalog } from '../courses/catalog.js';
import { createStores } from '../store/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await putCourse(t.app, 'intro-ts', { title: 'Intro to TypeScript', price: 4900, currency: 'usd' });
  await putCourse(t.app, 'tokyo-walk', { title: 'Tokyo walk', price: 3000, currency: 'JPY', description: 'On foot' });
  await putCourse(t.app, 'retired', { title: 'Retired', price: 100, currency: 'eur', active: false });
});
afterAll(() => t.close());

describe('GET /api/courses', () => {
  it('lists the active courses with public CORS', async () => {
    const res = await t.app.request('/api/courses', { headers: { origin: 'https://any.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const body = (await res.json()) as { courses: Array<{ id: string }> };
    expect(body.courses.map((c) => c.id)).toEqual(['intro-ts', 'tokyo-walk']);
  });
});

describe('the course list', () => {
  it('carries an ETag and answers 304 while it matches', async () => {
    const res = await t.app.request('/api/courses');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    // Revalidated every time, so seat counts are never shown stale.
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect((await t.app.request('/api/courses', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('is read from the store once while fresh, served stale while one refresh runs, and again after a change', async () => {
    let clock = 0;
    let reads = 0;
    const stores = createStores(t.database.db);
    const counting = { ...stores.courses, listActive: async () => ((reads += 1), stores.courses.listActive()) };
    const catalog = createCatalog(counting, { cacheMs: 1_000, now: () => clock });
    const rename = (title: string) =>
      catalog.put('intro-ts', { title, description: '', price: 4900, currency: 'usd', active: true });
    await Promise.all([catalog.list(), catalog.list(), catalog.list()]);
    await catalog.list();
    expect(reads).toBe(1);
    clock = 1_500;
    expect((await catalog.list()).courses).toHaveLength(2);
    await poll(async () => (reads === 2 && catalog.peekList() ? true : undefined), 'the background refresh');
    await rename('Intro to TypeScript 2');
    expect((await catalog.list()).courses.find((c) => c.id === 'intro-ts')!.title).toBe('Intro to TypeScript 2');
    expect(reads).toBe(3);
    await rename('Intro to TypeScript');
  });
});

describe('GET /api/courses/:id', () => {
  it('returns the course in its public shape, with ETag and Cache-Control', async () => {
    const res = await t.app.request('/api/courses/tokyo-walk');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: 'tokyo-walk',
      title: 'Tokyo walk',
      description: 'On foot',
      price: 3000,
      currency: 'jpy',
      priceText: { en: '¥3,000', de: '3.000\u00a0¥', es: '3000\u00a0JPY', fr: '3\u202f000\u00a0JPY', ja: '￥3,000' },
      soldOut: false,
    });
    expect(res.headers.get('etag')).toMatch(/^".+"$/);
    expect(res.headers.get('cache-control')).toContain('public');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("writes the price as each of the widget's languages does, and none for a free course", async () => {
    await putCourse(t.app, 'open-day', { title: 'Open day', price: 0, currency: 'usd' });
    const priced = (await (await t.app.request('/api/courses/intro-ts')).json()) as Course;
    // Exactly what each language's Intl.NumberFormat writes (the widget shows it as its own).
    expect(Object.keys(priced.priceText!)).toEqual(['en', 'de', 'es', 'fr', 'ja']);
    for (const [lang, text] of Object.entries(priced.priceText!))
      expect(text, lang).toBe(new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD' }).format(49));
    expect(priced.priceText!.de!.replace(/\s/g, ' ')).toBe('49,00 $');
    const free = (await (await t.app.request('/api/courses/open-day')).json()) as Course;
    expect(free).not.toHaveProperty('priceText');
  });

  it('answers 304 when the ETag still matches', async () => {
    const first = await t.app.request('/api/courses/intro-ts');
    const etag = first.headers.get('etag')!;
    const again = await t.app.request('/api/courses/intro-ts', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('changes the ETag when the course changes', async () => {
    await putCourse(t.app, 'etag-course', { title: 'Before', price: 100, currency: 'usd' });
    const before = (await t.app.request('/api/courses/etag-course')).headers.get('etag');
    await putCourse(t.app, 'etag-course', { title: 'After', price: 100, currency: 'usd' });
    const after = await t.app.request('/api/courses/etag-course', { headers: { 'if-none-match': before! } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { title: string }).title).toBe('After');
  });

  it('answers 410 course_unavailable for an archived course', async () => {
    const res = await t.app.request('/api/courses/retired');
    expect(res.status).toBe(410);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ error: { code: 'course_unavailable', message: expect.any(String) } });
  });

  it.each(['nope', '%24where', '..%2F', '..%2F..%2Fetc%2Fpasswd', 'A', '%00', 'x'.repeat(65)])(
    'returns 404 course_not_found for %s',
    async (id) => {
      const res = await t.app.request(`/api/courses/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.json()).toEqual({ error: { code: 'course_not_found', message: expect.any(String) } });
    },
  );

  it('answers a CORS preflight from any origin', async () => {
    const res = await t.app.request('/api/courses/intro-ts', {
      method: 'OPTIONS',
      headers: { origin: 'https://site.example', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
