// `npm run bench` (fifth part): the embedded database as bookings accumulate. Seeds bookings on the
// FerretDB that `npm start` runs (PostgreSQL handler, or SQLite: CB_EMBEDDED_DB) and times each query the app makes at each size:
// a create's, the lookups by id and payment intent (every webhook), the admin and student lists,
// the reconciler's, the operator's search. The design's budget: every query on an index a genuine
// MongoDB uses (test/index-use/ proves it), and the README saying up to how many
// bookings the embedded database keeps each under 100 ms, which this prints; and a create as fast
// at the largest size as at the smallest. BENCH_DB_SIZES (comma-separated) chooses the sizes;
// 100000 takes about ten minutes on FerretDB 1.24.
import { spawnSync } from 'node:child_process';
import { startFerretDb } from '../scripts/lib/servers.mjs';

const sizes = process.env.BENCH_DB_SIZES ?? '500,1000,2000,5000,10000';
const budgetMs = 100;
const target = 100_000;

const ferret = await startFerretDb();
let rows;
try {
  const probe = spawnSync(process.execPath, ['--import', 'tsx', 'bench/database-scale.ts', ferret.url, sizes, '3'], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (probe.status !== 0) throw new Error(probe.stderr);
  rows = probe.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
} finally {
  await ferret.stop();
}

const queries = Object.keys(rows[0]).filter((key) => key !== 'bookings');
console.log(`\nembedded database (FerretDB 1.24, ${ferret.handler}): median ms per query as bookings accumulate`);
const columns = ['bookings', ...queries];
const width = (i) => Math.max(10, columns[i].length + 2);
console.log(columns.map((h, i) => h.padStart(width(i))).join(''));
for (const row of rows) console.log(columns.map((c, i) => String(row[c]).padStart(width(i))).join(''));
const under = rows.filter((row) => queries.every((q) => row[q] < budgetMs)).map((row) => row.bookings);
const largest = under.length ? Math.max(...under) : 0;
const last = rows.at(-1);
const createGrowth = last.create / rows[0].create;
const atTarget = rows.find((row) => row.bookings >= target);
console.log(
  `every query under ${budgetMs} ms up to ${largest.toLocaleString('en')} bookings (the README says so: _How many bookings the embedded database serves_)`,
);
console.log(
  `create at ${last.bookings.toLocaleString('en')} vs ${rows[0].bookings.toLocaleString('en')} bookings: ${createGrowth.toFixed(1)}× as long (budget: flat)  ${createGrowth <= 1.5 ? 'ok' : 'OVER'}`,
);
if (atTarget)
  console.log(
    `slowest query at ${target.toLocaleString('en')} bookings: ${Math.max(...queries.map((q) => atTarget[q]))} ms`,
  );
process.exitCode = createGrowth <= 1.5 ? 0 : 1;
