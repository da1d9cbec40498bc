import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('GET /admin', () => {
  it('serves the console page under a strict CSP that no other site may frame', async () => {
    const res = await t.app.request('/admin');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-inline'");
    const page = await res.text();
    expect(page).toContain('<script type="module" src="/admin.js"></script>');
    // Sign-in settings travel as JSON, never as a script that runs.
    expect(page).toMatch(/<script id="cb-admin-config" type="application\/json">\s*\{"signIn":"unavailable"/);
  });
});

describe('GET /admin/preview', () => {
  it("shows one course's element, framed by the console only", async () => {
    const res = await t.app.request('/admin/preview?course=intro-typescript');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(await res.text()).toContain('<course-booking course="intro-typescript"></course-booking>');
  });

  it('answers 400 naming the course for an id that is not one', async () => {
    const res = await t.app.request('/admin/preview?course=%22%3E%3Cscript%3E');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('course');
  });
});
