import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../../../common/contract.js';
import { there } from '../../../../common/session-time.js';
import { adminHeaders, createTestApp, type TestApp } from '../../../../test/support/test-app.js';

// A course sold on dates: the operator puts its sessions; the public read lists the upcoming ones,
// soonest first, each with its seats, never its online link, never past or bookable after closing.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const course = { title: 'Pottery Weekend', description: '', price: 12900, currency: 'usd' };
  for (const id of ['pottery', 'pottery-other', 'pottery-zones']) {
    await t.app.request(`/api/admin/courses/${id}`, {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify(course),
    });
  }
});
afterAll(() => t.close());

const day = 24 * 3600_000;
const inDays = (n: number, hour = 10) => {
  const at = new Date(Date.now() + n * day);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
};
const session = (startDay: number, extra: Record<string, unknown> = {}) => ({
  startsAt: inDays(startDay, 9),
  endsAt: inDays(startDay + 1, 16),
  timeZone: 'Europe/Berlin',
  ...extra,
});
const put = (courseId: string, sessionId: string, body: unknown) =>
  t.app.request(`/api/admin/courses/${courseId}/sessions/${sessionId}`, {
    method: 'PUT',
    headers: adminHeaders(),
    body: JSON.stringify(body),
  });
const read = async (courseId: string) => (await (await t.app.request(`/api/courses/${courseId}`)).json()) as Course;

describe('PUT /api/admin/courses/:courseId/sessions/:sessionId', () => {
  it('creates a session (201), replaces it (200), and audits both', async () => {
    const created = await put('pottery', 'april', session(40, { capacity: 3, location: 'Studio 2' }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: 'april',
      courseId: 'pottery',
      timeZone: 'Europe/Berlin',
      capacity: 3,
      location: 'Studio 2',
      onlineUrl: null,
      cancelled: false,
      bookingClosesAt: inDays(40, 9),
    });
    const replaced = await put('pottery', 'april', session(40, { capacity: 4, location: 'Studio 2' }));
    expect(replaced.status).toBe(200);
    const audit = (await (await t.app.request('/api/admin/audit?limit=2', { headers: adminHeaders() })).json()) as {
      entries: Array<{ action: string; before: { capacity: number } | null; after: { capacity: number } }>;
    };
    expect(audit.entries.map((e) => e.action)).toEqual(['session.update', 'session.create']);
    expect(audit.entries[0]).toMatchObject({ before: { capacity: 3 }, after: { capacity: 4 } });
  });

  it('answers 400 naming each bad field', async () => {
    const res = await put('pottery', 'bad', {
      startsAt: inDays(10),
      endsAt: inDays(9),
      timeZone: 'Mars/Olympus_Mons',
      onlineUrl: 'http://insecure.example',
      capacity: 0,
      bookingClosesAt: inDays(11),
      meetings: [{ startsAt: inDays(12), endsAt: inDays(12, 12) }],
      colour: 'blue',
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields).sort()).toEqual(
      ['(body)', 'bookingClosesAt', 'capacity', 'endsAt', 'meetings.0', 'onlineUrl', 'timeZone'].sort(),
    );
    expect(error.fields.timeZone).toBe('must be an IANA time zone such as Europe/Berlin');
    expect(error.fields.endsAt).toBe('must be after startsAt');
  });

  it('answers 404 for a course that does not exist, and 400 for an id that is not a slug', async () => {
    expect((await put('no-such-course', 'may', session(5))).status).toBe(404);
    expect((await put('pottery', 'Not A Slug', session(5))).status).toBe(400);
  });
});

describe('GET /api/courses/:id with sessions', () => {
  it('lists the upcoming sessions soonest first with their seats, never the online link, never a past one', async () => {
    await put('pottery-other', 'later', session(60, { onlineUrl: 'https://meet.example/secret' }));
    await put('pottery-other', 'sooner', session(20, { capacity: 2, location: 'Berlin' }));
    await put('pottery-other', 'past', { startsAt: inDays(-3), endsAt: inDays(-2), timeZone: 'Europe/Berlin' });
    const course = await read('pottery-other');
    expect(course.sessions!.map((s) => s.id)).toEqual(['sooner', 'later']);
    expect(course.sessions![0]).toEqual({
      id: 'sooner',
      startsAt: inDays(20, 9),
      endsAt: inDays(21, 16),
      timeZone: 'Europe/Berlin',
      // 09:00 UTC: 10:00 in Berlin's winter, 11:00 in its summer.
      startsText: expect.objectContaining({ en: expect.stringMatching(/ (10|11):00\sAM GMT\+[12]$/) }),
      utcOffset: expect.any(Number),
      location: 'Berlin',
      seatsLeft: 2,
      soldOut: false,
      bookable: true,
    });
    expect(JSON.stringify(course)).not.toContain('meet.example');
    expect((await t.app.request('/api/courses')).ok).toBe(true);
    const listed = (await (await t.app.request('/api/courses')).json()) as { courses: Course[] };
    expect(listed.courses.find((c) => c.id === 'pottery-other')!.sessions!.map((s) => s.id)).toEqual([
      'sooner',
      'later',
    ]);
  });

  it("writes each start in its own zone as the widget's languages do, with the zone's offset then", async () => {
    await put('pottery-zones', 'berlin', {
      startsAt: '2027-02-14T08:00:00Z',
      endsAt: '2027-02-14T15:00:00Z',
      timeZone: 'Europe/Berlin',
    });
    await put('pottery-zones', 'new-york', {
      startsAt: '2027-07-04T14:00:00Z',
      endsAt: '2027-07-04T16:00:00Z',
      timeZone: 'America/New_York',
    });
    const [berlin, newYork] = (await read('pottery-zones')).sessions!;
    expect([berlin!.utcOffset, newYork!.utcOffset]).toEqual([60, -240]);
    for (const session of [berlin!, newYork!]) {
      expect(Object.keys(session.startsText!)).toEqual(['en', 'de', 'es', 'fr', 'ja']);
      for (const [lang, text] of Object.entries(session.startsText!)) {
        // As the widget writes a date (the options it shares with the server), in the page's Intl.
        const format = new Intl.DateTimeFormat(lang, { ...there, timeZone: session.timeZone, timeZoneName: 'short' });
        expect(text, lang).toBe(format.format(new Date(session.startsAt)));
      }
    }
    expect(berlin!.startsText!.de).toBe('So., 14. Feb. 2027, 09:00 MEZ');
    expect(newYork!.startsText!.en!.replace(/\s/g, ' ')).toBe('Sun, Jul 4, 2027, 10:00 AM EDT');
  });

  it('says a session whose booking has closed is not bookable, and shows its meetings', async () => {
    const start = Date.now() + 2 * day;
    await put('pottery', 'closed', {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 42 * day).toISOString(),
      timeZone: 'America/New_York',
      bookingClosesAt: new Date(Date.now() - 60_000).toISOString(),
      meetings: [0, 7, 14].map((d) => ({
        startsAt: new Date(start + d * day).toISOString(),
        endsAt: new Date(start + d * day + 7_200_000).toISOString(),
      })),
    });
    const closed = (await read('pottery')).sessions!.find((s) => s.id === 'closed')!;
    expect(closed.bookable).toBe(false);
    expect(closed.meetings).toHaveLength(3);
  });

  it('leaves a self-paced course without sessions', async () => {
    await t.app.request('/api/admin/courses/self-paced', {
      method: 'PUT',
      headers: adminHeaders(),
      body: JSON.stringify({ title: 'Self paced', description: '', price: 0, currency: 'usd' }),
    });
    expect(await read('self-paced')).not.toHaveProperty('sessions');
  });
});
