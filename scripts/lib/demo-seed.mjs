// The demo catalog `npm start` seeds on first run, through the operator API as an operator would.

/**
 * Demo courses: a dollar price that takes the sandbox's SANDBOX10 code, a euro and a zero-decimal
 * yen price, a self-paced course of 3 seats, a free one, and two sold on dates (below).
 */
export const demoCourses = [
  {
    id: 'intro-typescript',
    title: 'Intro to TypeScript',
    description: 'Four evenings, from types to generics.',
    price: 4900,
    currency: 'usd',
    allowPromotionCodes: true,
  },
  {
    id: 'web-components',
    title: 'Web Components Workshop',
    description: 'Build and ship a custom element.',
    price: 4900,
    currency: 'eur',
  },
  {
    id: 'tokyo-photo-walk',
    title: 'Tokyo Street Photography',
    description: 'A half-day walk through Shibuya.',
    price: 12000,
    currency: 'jpy',
  },
  {
    id: 'glaze-lab',
    title: 'Glazing Lab',
    description: 'Mix and fire your own glazes, three places.',
    price: 12900,
    currency: 'usd',
    capacity: 3,
  },
  {
    id: 'open-day',
    title: 'Open Day',
    description: 'Meet the teachers; free, but book a place.',
    price: 0,
    currency: 'usd',
  },
  {
    id: 'pottery-weekend',
    title: 'Pottery Weekend',
    description: 'Two days at the wheel in Berlin.',
    price: 12900,
    currency: 'usd',
  },
  {
    id: 'evening-sketching',
    title: 'Evening Sketching',
    description: 'Six Tuesday evenings of drawing from life.',
    price: 18000,
    currency: 'usd',
  },
];

const day = 86_400_000;

/**
 * The dated sessions, relative to today so the demo never runs out of dates: Pottery Weekend in
 * Berlin (one weekend past, the next one sold out by two demo students, one a month later with 2
 * seats left), and Evening Sketching in New York on six Tuesdays.
 */
export function demoSessions(now = new Date()) {
  const firstSaturday = nextWeekday(new Date(now.getTime() + 14 * day), 6);
  const weekend = (saturday, capacity) => {
    const sunday = new Date(saturday.getTime() + day);
    const meetings = [saturday, sunday].map((d) => ({
      startsAt: wallClock(d, '10:00', 'Europe/Berlin'),
      endsAt: wallClock(d, '16:00', 'Europe/Berlin'),
    }));
    return {
      courseId: 'pottery-weekend',
      id: `weekend-${saturday.toISOString().slice(0, 10)}`,
      startsAt: meetings[0].startsAt,
      endsAt: meetings[1].endsAt,
      timeZone: 'Europe/Berlin',
      location: 'Töpferei am Kanal, Paul-Lincke-Ufer 20, Berlin',
      capacity,
      meetings,
    };
  };
  const firstTuesday = nextWeekday(new Date(now.getTime() + 21 * day), 2);
  const tuesdays = Array.from({ length: 6 }, (_, n) => new Date(firstTuesday.getTime() + n * 7 * day)).map((d) => ({
    startsAt: wallClock(d, '18:30', 'America/New_York'),
    endsAt: wallClock(d, '20:30', 'America/New_York'),
  }));
  return {
    past: weekend(new Date(firstSaturday.getTime() - 35 * day), 6),
    soldOut: weekend(firstSaturday, 2),
    twoLeft: weekend(new Date(firstSaturday.getTime() + 28 * day), 2),
    evenings: {
      courseId: 'evening-sketching',
      id: `tuesdays-${firstTuesday.toISOString().slice(0, 10)}`,
      startsAt: tuesdays[0].startsAt,
      endsAt: tuesdays[5].endsAt,
      timeZone: 'America/New_York',
      location: 'Studio 4B, 220 Lafayette St, New York',
      onlineUrl: 'https://meet.example/evening-sketching',
      capacity: 12,
      meetings: tuesdays,
    },
  };
}

/**
 * Seeds the demo courses and their dates through the admin API, only when the catalog is empty.
 * With development sign-in and the sandbox, two demo students book and pay the sold-out weekend.
 */
export async function seedDemo({ backendUrl, adminKey, siteOrigin, sandboxUrl, devSignIn, log }) {
  const { courses } = await (await fetch(`${backendUrl}/api/courses`)).json();
  if (courses.length > 0) return;
  const admin = async (path, body) => {
    const res = await fetch(`${backendUrl}/api/admin${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`seeding ${path} failed: ${res.status} ${await res.text()}`);
  };
  for (const { id, ...course } of demoCourses) await admin(`/courses/${id}`, course);
  const sessions = demoSessions();
  for (const { courseId, id, ...session } of Object.values(sessions)) {
    await admin(`/courses/${courseId}/sessions/${id}`, session);
  }
  if (devSignIn && sandboxUrl) {
    for (const name of ['demo-student-1', 'demo-student-2']) {
      await bookAndPay({ backendUrl, siteOrigin, sandboxUrl, name, session: sessions.soldOut });
    }
  }
  log(`database: seeded ${demoCourses.length} demo courses, two of them on dates`);
}

/** A demo student signs in by name, books a session and pays on the sandbox's pay page. */
async function bookAndPay({ backendUrl, siteOrigin, sandboxUrl, name, session }) {
  const exchange = await fetch(`${backendUrl}/api/auth/exchange`, {
    method: 'POST',
    headers: { origin: backendUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ devName: name, origin: siteOrigin }),
  });
  if (!exchange.ok) throw new Error(`demo sign-in failed: ${exchange.status} ${await exchange.text()}`);
  const { token } = await exchange.json();
  const created = await fetch(`${backendUrl}/api/bookings/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: siteOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ courseId: session.courseId, sessionId: session.id, returnUrl: `${siteOrigin}/` }),
  });
  if (!created.ok) throw new Error(`demo booking failed: ${created.status} ${await created.text()}`);
  const { booking } = await created.json();
  await fetch(`${sandboxUrl}/pay/${booking.stripeSessionId}/pay`, { method: 'POST', redirect: 'manual' });
}

/** The next day on or after `from` that is the given weekday (0 Sunday … 6 Saturday), at 00:00 UTC. */
function nextWeekday(from, weekday) {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const ahead = (weekday - new Date(start).getUTCDay() + 7) % 7;
  return new Date(start + ahead * day);
}

/** The instant (ISO) of a wall-clock time (`HH:MM`) on a day in a time zone. */
function wallClock(date, time, timeZone) {
  const [hours, minutes] = time.split(':').map(Number);
  const asUtc = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hours, minutes);
  // The zone's offset at that moment; asked twice, in case the first guess sits across a change of offset.
  const first = asUtc - offsetMs(asUtc, timeZone);
  return new Date(asUtc - offsetMs(first, timeZone)).toISOString();
}

function offsetMs(at, timeZone) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(at))
    .find((part) => part.type === 'timeZoneName').value;
  const match = /GMT([+-])(\d\d):(\d\d)/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
}
