import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, siteOrigin, type Harness } from '../../../test/support/booking-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('GET /', () => {
  it('answers a page that says what this server is, with its links and the sites allowed to embed it', async () => {
    const res = await fetch(`${h.appUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<h1>Course booking backend</h1>');
    for (const link of ['/admin', '/api/openapi.json', '/api/courses', '/readyz', `${siteOrigin}/`]) {
      expect(page).toContain(`href="${link}"`);
    }
    expect(page).toContain('Going live');
  });
});
