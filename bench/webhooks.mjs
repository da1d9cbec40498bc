// `npm run bench` (fourth part): webhook ingest. Distinct signed `checkout.session.completed`
// events for seeded bookings, 50 at a time, through the real app on FerretDB, against the database
// driver itself doing insert+update pairs (what ingesting an event needs at the least: record it,
// move the booking) with the same concurrency, on the same FerretDB, in the same run, the two taking
// turns (BENCH_TURNS slices each, default 5). Budgets: ratio
// ≥ 0.25, p99 under 5 s, and no redelivery caused by a lock left behind (503 `booking_busy`).
import { MongoClient } from 'mongodb';
import { startFerretDb } from '../scripts/lib/servers.mjs';
import { cpuClock } from './cpu-time.mjs';
import { driver, ingest, turn } from './webhook-ingest.mjs';

const count = Number(process.env.BENCH_WEBHOOKS ?? 500);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const rounds = Number(process.env.BENCH_TURNS ?? 5);
const budget = 0.25;
const p99BudgetMs = 5_000;

// BENCH_MONGODB_URI: another database server (FerretDB on PostgreSQL, a genuine MongoDB) instead of the embedded one.
const external = process.env.BENCH_MONGODB_URI;
const ferret = external ? undefined : await startFerretDb();
const mongodbUri = external ?? ferret.url;
try {
  // The baseline's client; its commands are watched as the app's are (the same cost on both sides), and counted.
  const client = await MongoClient.connect(mongodbUri, { monitorCommands: true });
  let pairCommands = 0;
  client.on('commandStarted', ({ commandName }) => {
    if (commandName === 'insert' || commandName === 'update') pairCommands += 1;
  });
  const db = client.db(`bench_pairs_${process.pid}`);
  const docs = db.collection('pairs');
  await docs.insertMany(Array.from({ length: count }, (_, i) => ({ _id: `b_${i}`, state: 'pending' })));
  pairCommands = 0;
  const pairsClock = cpuClock();
  pairsClock.pause();
  const pairRuns = driver(concurrency, async (i) => {
    await db.collection('events').insertOne({ _id: `e_${i}`, at: new Date() });
    await docs.updateOne({ _id: `b_${i}` }, { $set: { state: 'paid' } });
  });
  // The two sides take turns, a slice each (the machine's speed drifts over a run; each side meets it alike).
  const app = await ingest({
    mongodbUri,
    count,
    concurrency,
    rounds,
    between: async (round) => {
      pairsClock.resume();
      await pairRuns.run(...turn(count, rounds, round));
      pairsClock.pause();
    },
  });
  const { redelivered, retriedFor, paid } = app;
  const pairs = pairRuns.result();
  const pairsCpu = pairsClock.read();
  const perPair = pairCommands / count;
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
    `webhook ingest, ${count} distinct completions, ${concurrency} at a time, in ${rounds} turns with the baseline: app ${app.rate.toFixed(0)} events/s (p99 ${app.p99.toFixed(0)} ms, ${redelivered} redeliveries after a 503: ${why}; ${paid} of ${count} paid), driver insert+update pairs ${pairs.rate.toFixed(0)}/s (p99 ${pairs.p99.toFixed(0)} ms); ratio ${ratio.toFixed(2)}  budgets: ratio ≥ ${budget}, p99 < ${p99BudgetMs} ms, no booking_busy: ${ok ? 'ok' : 'OVER'}`,
  );
  // What each event costs the database: the commands the app sent, per event, by name, and how
  // long one of each took on average (the event's own wait is their sum along its path).
  const perEvent = Object.entries(app.commands)
    .sort(([, a], [, b]) => b - a)
    .map(([name, n]) => `${name} ${(n / count).toFixed(1)} × ${((app.commandMs[name] ?? 0) / n).toFixed(1)} ms`)
    .join(', ');
  const total = Object.values(app.commands).reduce((sum, n) => sum + n, 0) / count;
  console.log(
    `database commands per event: ${total.toFixed(1)} (${perEvent}); the driver's pair: ${perPair.toFixed(1)}`,
  );
  // Where the machine's time went: the two sides share its cores, so CPU spent in one is missing in the other.
  const each = (ms) => (ms === null ? '?' : (ms / count).toFixed(2));
  console.log(
    `CPU per event: app ${each(app.cpu.app)} ms, database ${each(app.cpu.database)} ms, load generator ${each(app.cpu.bench)} ms; per pair: driver ${each(pairsCpu.bench)} ms, database ${each(pairsCpu.database)} ms`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await ferret?.stop();
}
