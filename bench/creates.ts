// `npm run bench` (sixth part): creates under a burst, and as bookings accumulate, on the embedded
// database. Every request is `POST /api/bookings/create` from a new student (a Clerk session token
// minted here), through bench/create-server.ts in a process of its own.
//  1. A burst of 100, then of 200, at once: at 100 no 5xx at all; at 200 no 5xx but 503 `overloaded`
//     with `Retry-After`; every answered booking created exactly once, none for a refused one.
//  2. Creates as bookings accumulate (8 at a time): the rate over the last 200 of 2,000 bookings
//     against the rate over the first 200. Budget ≥ 0.5. BENCH_CREATES sets the 2,000.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { startFerretDb } from '../scripts/lib/servers.mjs';
import { createClerkKeys, mintSessionToken } from '../test/support/clerk.js';
import { builtServer } from './built.mjs';

const site = 'http://localhost:8788';
const total = Number(process.env.BENCH_CREATES ?? 2_000);
const window = 200;
const clerk = createClerkKeys();
// BENCH_MONGODB_URI: another database server (FerretDB on PostgreSQL, a genuine MongoDB) instead of the embedded one.
const external = process.env.BENCH_MONGODB_URI;
const ferret = external ? undefined : await startFerretDb();
const server = spawn(process.execPath, [...builtServer('create-server'), external ?? ferret!.url, site], {
  env: { ...process.env, BENCH_CLERK_JWT_KEY: clerk.jwtKey },
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: server.stdout! });
const [first] = (await once(lines, 'line')) as [string];
const { url } = JSON.parse(first) as { url: string };
let student = 0;

/** One create from a new student: its status, whether it said when to come back, and who it was. */
async function create() {
  const sub = `user_bench_${(student += 1)}`;
  const res = await fetch(`${url}/api/bookings/create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${mintSessionToken(clerk, { sub, azp: site })}`,
      origin: site,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ courseId: 'intro-typescript', returnUrl: `${site}/` }),
  });
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string } };
  return { sub, status: res.status, code: body.error?.code, retryAfter: res.headers.has('retry-after') };
}

/** How many bookings each of these students has, read from the database by the server. */
async function bookingsOf(subs: string[]): Promise<Record<string, number>> {
  server.stdin!.write(`${JSON.stringify(subs)}\n`);
  const [line] = (await once(lines, 'line')) as [string];
  return JSON.parse(line) as Record<string, number>;
}

let failed = false;
try {
  for (const size of [100, 200]) {
    const answers = await Promise.all(Array.from({ length: size }, create));
    const counts = await bookingsOf(answers.map((a) => a.sub));
    const by = (pick: (a: (typeof answers)[number]) => boolean) => answers.filter(pick).length;
    const created = by((a) => a.status === 201);
    const overloaded = by((a) => a.status === 503 && a.code === 'overloaded' && a.retryAfter);
    const other5xx = by((a) => a.status >= 500) - overloaded;
    const twice = answers.filter((a) => (counts[a.sub] ?? 0) > 1).length;
    const refusedButBooked = answers.filter((a) => a.status === 503 && (counts[a.sub] ?? 0) > 0).length;
    const createdButMissing = answers.filter((a) => a.status === 201 && counts[a.sub] !== 1).length;
    const ok = other5xx === 0 && (size > 100 || overloaded === 0) && twice + refusedButBooked + createdButMissing === 0;
    failed ||= !ok;
    console.log(
      `creates, burst of ${size}: ${created} created, ${overloaded} overloaded (503, Retry-After), ${other5xx} other 5xx; ` +
        `booked twice ${twice}, refused but booked ${refusedButBooked}, created but missing ${createdButMissing}` +
        `  budget: ${size > 100 ? 'no 5xx but overloaded' : 'no 5xx'} ${ok ? 'ok' : 'OVER'}`,
    );
  }

  // As bookings accumulate: 8 at a time, the rate of each window of 200.
  const rates: number[] = [];
  let done = 300;
  while (done < total) {
    const started = performance.now();
    let left = window;
    const answers: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (left > 0) {
          left -= 1;
          answers.push((await create()).status);
        }
      }),
    );
    rates.push(window / ((performance.now() - started) / 1000));
    done += window;
    if (process.env.BENCH_DEBUG) console.log(`  ${done} bookings: ${rates.at(-1)!.toFixed(1)}/s`);
    if (answers.some((s) => s !== 201))
      console.log(`  window at ${done}: ${answers.filter((s) => s !== 201).length} not created`);
  }
  const ratio = rates.at(-1)! / rates[0]!;
  const ok = ratio >= 0.5;
  failed ||= !ok;
  console.log(
    `creates as bookings accumulate: ${rates[0]!.toFixed(1)}/s at 300–500 bookings, ${rates.at(-1)!.toFixed(1)}/s at ${done - window}–${done}: ` +
      `ratio ${ratio.toFixed(2)}  budget ≥ 0.5 ${ok ? 'ok' : 'OVER'}  (every window: ${rates.map((r) => r.toFixed(0)).join(', ')}/s)`,
  );
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
  await ferret?.stop();
}
process.exitCode = failed ? 1 : 0;
