import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBodyBytes } from '../../app.js';
import { adminHeaders, createTestApp, type TestApp } from '../../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const valid = { title: 'Intro to TypeScript', description: 'Four evenings', price: 4900, currency: 'usd' };
const put = (id: string, body: unknown, headers = adminHeaders()) =>
  t.app.request(`/api/admin/courses/${id}`, {
    method: 'PUT',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('PUT /api/admin/courses/:id', () => {
  it('creates a course (201), then replaces it (200)', async () => {
    const created = await put('new-course', valid);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id: 'new-course',
      ...valid,
      priceText: expect.objectContaining({ en: expect.any(String) }),
      soldOut: false,
      active: true,
      capacity: null,
      maxPerOrder: 1,
      questions: [],
      waitlistOfferHours: 24,
      allowPromotionCodes: false,
      invoiceCreation: false,
      taxIdCollection: false,
      reminderHours: 24,
    });
    const replaced = await put('new-course', { ...valid, price: 5900, reminderHours: 0 });
    expect(replaced.status).toBe(200);
    expect(((await replaced.json()) as { reminderHours: number }).reminderHours).toBe(0);
    expect((await put('new-course', { ...valid, reminderHours: 200 })).status).toBe(400);
    const read = await t.app.request('/api/courses/new-course');
    expect(((await read.json()) as { price: number }).price).toBe(5900);
  });

  it('sells up to maxPerOrder seats per purchase (1 to 20), shown in the public read when more than one', async () => {
    for (const bad of [0, 21, 2.5, '3']) {
      const res = await put('group-course', { ...valid, maxPerOrder: bad });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty('maxPerOrder');
    }
    expect((await put('group-course', { ...valid, maxPerOrder: 3 })).status).toBe(201);
    const read = (await (await t.app.request('/api/courses/group-course')).json()) as { maxPerOrder?: number };
    expect(read.maxPerOrder).toBe(3);
    await put('group-course', { ...valid, maxPerOrder: 1 });
    expect(await (await t.app.request('/api/courses/group-course')).json()).not.toHaveProperty('maxPerOrder');
  });

  it('returns 401 without the admin key', async () => {
    const res = await put('x', valid, { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });

  it('returns 401 with a wrong admin key', async () => {
    const res = await put('x', valid, adminHeaders('wrong-key-of-some-length-here'));
    expect(res.status).toBe(401);
  });

  it('returns 400 invalid_request naming every bad field', async () => {
    const res = await put('bad', { title: '', price: 12.5, currency: 'xyz' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_request');
    expect(Object.keys(body.error.fields).sort()).toEqual(['currency', 'price', 'title']);
  });

  it.each([
    ['usd', 49, 50],
    ['eur', 1, 50],
    ['gbp', 29, 30],
    ['jpy', 49, 50],
  ])(
    "refuses a %s price under Stripe's minimum charge (%i), naming the field, and takes the minimum (%i) and 0",
    async (currency, under, minimum) => {
      const refused = await put(`min-${currency}`, { ...valid, currency, price: under });
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.fields.price).toContain(String(minimum));
      expect((await put(`min-${currency}`, { ...valid, currency, price: minimum })).status).toBe(201);
      expect((await put(`min-${currency}`, { ...valid, currency, price: 0 })).status).toBe(200);
    },
  );

  it('sets seats and promotion codes, and answers them with the course', async () => {
    const res = await put('seated', { ...valid, capacity: 12, allowPromotionCodes: true });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ capacity: 12, allowPromotionCodes: true, seatsLeft: 12, soldOut: false });
    const read = await t.app.request('/api/courses/seated');
    expect(await read.json()).toMatchObject({ seatsLeft: 12, soldOut: false });
  });

  it.each([
    ['no seats', { ...valid, capacity: 0 }],
    ['a fraction of a seat', { ...valid, capacity: 1.5 }],
    ['promotion codes given as a string', { ...valid, allowPromotionCodes: 'yes' }],
    ['a negative price', { ...valid, price: -1 }],
    ['a price over Stripe maximum', { ...valid, price: 100_000_000 }],
    ['a price given as a string', { ...valid, price: '4900' }],
    ['a title over 200 characters', { ...valid, title: 'x'.repeat(201) }],
    ['an operator object', { ...valid, title: { $gt: '' } }],
    ['a $-prefixed key', { ...valid, $set: { price: 0 } }],
    ['an array body', [valid]],
  ])('returns 400 invalid_request for %s', async (_name, body) => {
    const res = await put('bad', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });

  it.each(['Upper', 'has_underscore', '-dash-first', '%24where'])('returns 400 for the non-slug id %s', async (id) => {
    const res = await put(id, valid);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });

  it('returns 400 invalid_json for malformed JSON', async () => {
    const res = await put('x', '{"title": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });

  it('returns 415 when the body is not JSON', async () => {
    const res = await put('x', 'title=x', { ...adminHeaders(), 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('returns 413 for a body over the limit', async () => {
    const res = await put('x', { ...valid, description: 'x'.repeat(maxBodyBytes + 1) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('accepts zero-decimal and other Stripe currencies in any case', async () => {
    const res = await put('yen', { title: 'Yen course', price: 5000, currency: 'JPY' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { currency: string }).currency).toBe('jpy');
  });
});

describe('GET /api/admin/courses and the audit trail', () => {
  it('lists archived courses too, and records who created and changed a course, before and after', async () => {
    await put('audited-course', valid);
    await put('audited-course', { ...valid, price: 6900, active: false });
    const list = await t.app.request('/api/admin/courses', { headers: adminHeaders() });
    const { courses } = (await list.json()) as { courses: Array<{ id: string; active: boolean; price: number }> };
    expect(courses.find((c) => c.id === 'audited-course')).toMatchObject({ active: false, price: 6900 });
    const res = await t.app.request('/api/admin/audit?limit=2', { headers: adminHeaders() });
    const { entries } = (await res.json()) as {
      entries: Array<{ actor: string; action: string; before: { price: number } | null; after: { price: number } }>;
    };
    expect(entries.map((e) => e.action)).toEqual(['course.update', 'course.create']);
    expect(entries[0]).toMatchObject({
      actor: 'api_key',
      before: { price: 4900 },
      after: { price: 6900, active: false },
    });
    expect(entries[1]).toMatchObject({ before: null, after: { price: 4900 } });
  });

  it('answers 401 without the admin key, and no courses', async () => {
    const res = await t.app.request('/api/admin/courses');
    expect(res.status).toBe(401);
    expect(await res.json()).not.toHaveProperty('courses');
  });
});
