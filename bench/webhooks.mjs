// `npm run bench` (fourth part): webhook ingest. Distinct signed `checkout.session.completed`
// events for seeded bookings, 50 at a time, through the real app on FerretDB, against the database
// driver itself doing insert+update pairs (what ingesting an event needs at the least: record it,
// move the booking) with the same concurrency, on the same FerretDB, in the same run. Budgets: ratio
// ≥ 0.25, p99 under 5 s, and no redelivery caused by a lock left behind (503 `booking_busy`).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { MongoClient } from 'mongodb';
import { startFerretDb } from '../scripts/lib/servers.mjs';

const count = Number(process.env.BENCH_WEBHOOKS ?? 500);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const budget = 0.25;
const p99BudgetMs = 5_000;

/** Runs `work(i)` for i in 0..n with `concurrency` at a time; answers per-second rate and p99 ms. */
async function drive(n, work) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await work(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: n / seconds, p99: latencies[Math.floor(latencies.length * 0.99)] };
}

const sign = (payload, secret) => {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
};

// BENCH_MONGODB_URI: another database server (FerretDB on PostgreSQL, a genuine MongoDB) instead of the embedded one.
const external = process.env.BENCH_MONGODB_URI;
const ferret = external ? undefined : await startFerretDb();
const mongodbUri = external ?? ferret.url;
const server = spawn(process.execPath, ['--import', 'tsx', 'bench/webhook-server.ts', mongodbUri, String(count)], {
  env: process.env,
  stdio: ['pipe', 'pipe', 'inherit'],
});
const lines = createInterface({ input: server.stdout });
const [first] = await once(lines, 'line');
const { url, webhookSecret, sessions } = JSON.parse(first);
try {
  let redelivered = 0;
  /** 503s by their code: `booking_busy` would be a lock left behind. */
  const retriedFor = {};
  const app = await drive(count, async (i) => {
    const { bookingId, sessionId } = sessions[i];
    const event = {
      id: `evt_bench_${i}_${randomBytes(4).toString('hex')}`,
      object: 'event',
      type: 'checkout.session.completed',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: sessionId,
          object: 'checkout.session',
          status: 'complete',
          payment_status: 'paid',
          payment_intent: `pi_bench_${i}`,
          amount_subtotal: 4900,
          amount_total: 4900,
          currency: 'usd',
          client_reference_id: bookingId,
          metadata: { bookingId },
        },
      },
    };
    const payload = JSON.stringify(event);
    // A 503 (the booking busy, the database slow) is delivered again, as Stripe would, for up to 2 minutes.
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const res = await fetch(`${url}/api/stripe/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload, webhookSecret) },
        body: payload,
      });
      const text = await res.text();
      if (res.ok) return;
      redelivered += 1;
      const code = /"code":"(\w+)"/.exec(text)?.[1] ?? String(res.status);
      retriedFor[code] = (retriedFor[code] ?? 0) + 1;
      if (process.env.BENCH_DEBUG) console.error(res.status, text);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`event ${i} was never accepted`);
  });
  server.stdin.write('count\n');
  const [answer] = await once(lines, 'line');
  const { paid } = JSON.parse(answer);

  const client = await MongoClient.connect(mongodbUri);
  const db = client.db(`bench_pairs_${process.pid}`);
  const docs = db.collection('pairs');
  await docs.insertMany(Array.from({ length: count }, (_, i) => ({ _id: `b_${i}`, state: 'pending' })));
  const pairs = await drive(count, async (i) => {
    await db.collection('events').insertOne({ _id: `e_${i}`, at: new Date() });
    await docs.updateOne({ _id: `b_${i}` }, { $set: { state: 'paid' } });
  });
  await db.dropDatabase();
  await client.close();

  const ratio = app.rate / pairs.rate;
  const busy = retriedFor.booking_busy ?? 0;
  const ok = ratio >= budget && paid === count && app.p99 < p99BudgetMs && busy === 0;
  const why =
    Object.entries(retriedFor)
      .map(([code, n]) => `${n} ${code}`)
      .join(', ') || 'none';
  console.log(
    `webhook ingest, ${count} distinct completions, ${concurrency} at a time: app ${app.rate.toFixed(0)} events/s (p99 ${app.p99.toFixed(0)} ms, ${redelivered} redeliveries after a 503: ${why}; ${paid} of ${count} paid), driver insert+update pairs ${pairs.rate.toFixed(0)}/s (p99 ${pairs.p99.toFixed(0)} ms); ratio ${ratio.toFixed(2)}  budgets: ratio ≥ ${budget}, p99 < ${p99BudgetMs} ms, no booking_busy: ${ok ? 'ok' : 'OVER'}`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await ferret?.stop();
}
