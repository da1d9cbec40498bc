import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedHandler, startFerretDb } from '../../../scripts/lib/servers.mjs';
import { migrateDatabase } from './index.js';
import { declaredIndexes } from './indexes.js';

// The embedded database on PostgreSQL (what `npm start` and the tests run) answers an equality
// filter by index, as MongoDB does: FerretDB's own btree indexes cannot serve the `@>` it sends,
// so scripts/lib/equality-indexes.sql gives each index's first field a GIN index that can.
// PostgreSQL's plan for each lookup (FerretDB's `explain`) names the index it used.
const onPostgres = embeddedHandler() === 'postgresql';
if (!onPostgres) console.log('embedded-indexes: skipped, the embedded database runs on SQLite here (no PostgreSQL)');

const rows = 2_000;
/** The first field of each bookings index (dotted paths are never pushed down by FerretDB 1.24), and `_id`. */
const fields = [
  '_id',
  ...new Set(
    declaredIndexes
      .filter((index) => index.collection === 'bookings')
      .map((index) => Object.keys(index.key)[0]!)
      .filter((field) => !field.includes('.')),
  ),
];

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cb-embedded-indexes-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Starts the embedded database on `dataDir`, runs `work` against the migrated `indexes` database, stops it. */
async function withDatabase(work: (client: MongoClient) => Promise<void>) {
  const ferret = await startFerretDb({ dataDir, handler: 'postgresql' });
  const client = await MongoClient.connect(ferret.url);
  try {
    await migrateDatabase(ferret.url, 'indexes');
    await work(client);
  } finally {
    await client.close();
    await ferret.stop();
  }
}

/** The index PostgreSQL uses for an equality filter on `field` (none: it scans). */
async function indexFor(client: MongoClient, field: string): Promise<string | undefined> {
  const plan = await client.db('indexes').command({
    explain: { find: 'bookings', filter: { [field]: `${field}-7` } },
    verbosity: 'queryPlanner',
  });
  return /"Index Name":"([^"]+)"/.exec(JSON.stringify(plan.queryPlanner))?.[1];
}

describe.skipIf(!onPostgres)('the embedded database on PostgreSQL', () => {
  it(`looks up every bookings index's first field by index among ${rows.toLocaleString('en')} bookings`, async () => {
    await withDatabase(async (client) => {
      const docs = Array.from({ length: rows }, (_, i) =>
        Object.fromEntries(fields.map((field) => [field, `${field}-${i}`])),
      );
      await client.db('indexes').collection('bookings').insertMany(docs);
      for (const field of fields) expect(await indexFor(client, field), field).toMatch(/^cb_eq_/);
    });
  }, 60_000);

  it('keeps them on a database kept from an earlier start', async () => {
    await withDatabase(async (client) => {
      expect(await client.db('indexes').collection('bookings').countDocuments()).toBe(rows);
      for (const field of fields) expect(await indexFor(client, field), field).toMatch(/^cb_eq_/);
    });
  }, 60_000);
});
