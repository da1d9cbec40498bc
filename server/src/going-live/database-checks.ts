import type { Config } from '../config/env.js';
import {
  compareIndexes,
  connectDatabase,
  describeServer,
  pendingMigrations,
  type ServerFacts,
} from '../store/index.js';
import { fail, ok, warn, type CheckResult } from './check.js';

/** Checks of the database: reachable, what kind, its clock, migrations and indexes. */
export async function checkDatabase(
  config: Pick<Config, 'mongodbUri' | 'mongodbDb' | 'production'>,
): Promise<CheckResult[]> {
  let database;
  try {
    database = await connectDatabase(
      config.mongodbUri,
      config.mongodbDb,
      { connectMs: 5_000, answerMs: 10_000 },
      'course-booking-doctor',
    );
  } catch (error) {
    return [
      fail(
        'MongoDB reachable',
        (error as Error).message,
        'check MONGODB_URI, the credentials, and that this host is on the database’s network access list',
      ),
    ];
  }
  try {
    const facts = await describeServer(database.db);
    const results = [
      ok('MongoDB reachable', `database ${config.mongodbDb}`),
      checkTopology(facts, config.production),
      checkClock(facts),
    ];
    const pending = await pendingMigrations(database.db);
    results.push(
      pending.length === 0
        ? ok('migrations applied')
        : fail(
            'migrations applied',
            `${pending.length} pending: ${pending.map((s) => s.description).join('; ')}`,
            'run npm run migrate',
          ),
    );
    const { missing, conflicting, retired } = await compareIndexes(database.db);
    const off = [
      ...missing.map((s) => `${s.collection}.${s.name} missing`),
      ...conflicting.map((s) => `${s.collection}.${s.name} has another key`),
      ...retired.map((s) => `${s.collection}.${s.name} retired`),
    ];
    results.push(
      off.length === 0
        ? ok('every expected index present')
        : fail('every expected index present', off.join(', '), 'run npm run migrate'),
    );
    return results;
  } finally {
    await database.close();
  }
}

/** A replica set or Atlas; a standalone server has no failover and no majority to confirm a write. */
export function checkTopology(facts: ServerFacts, production: boolean): CheckResult {
  const title = 'MongoDB version and topology';
  if (facts.ferretdb) {
    const detail = `FerretDB ${facts.ferretdb} (the embedded database), wire version of MongoDB ${facts.version}`;
    const fix = 'use MongoDB Atlas or a replica set in production';
    return production ? fail(title, detail, fix) : warn(title, `${detail}: fine for development`, fix);
  }
  const major = Number(facts.version.split('.')[0]);
  if (major < 6) return fail(title, `MongoDB ${facts.version}`, 'use MongoDB 6.0 or newer (the driver needs it)');
  if (facts.topology.kind === 'standalone') {
    return warn(
      title,
      `MongoDB ${facts.version}, standalone: no failover, and a write is confirmed by one server only`,
      'run a replica set (three members), or MongoDB Atlas',
    );
  }
  return ok(
    title,
    `MongoDB ${facts.version}, ${facts.topology.kind === 'replica set' ? `replica set ${facts.topology.name}` : 'sharded cluster'}`,
  );
}

/** Leases and claims compare times written by different instances: their clocks must agree. */
export function checkClock(facts: Pick<ServerFacts, 'clockAheadMs'>): CheckResult {
  const title = 'clock agrees with the database';
  if (facts.clockAheadMs === undefined)
    return warn(title, 'the server did not say its time', 'keep every host’s clock synchronised (NTP)');
  const offset = Math.abs(facts.clockAheadMs);
  const detail = `${facts.clockAheadMs >= 0 ? 'ahead by' : 'behind by'} ${offset} ms`;
  const fix = 'synchronise this host’s clock (NTP, chrony or systemd-timesyncd)';
  if (offset > 5_000) return fail(title, detail, fix);
  if (offset > 1_000) return warn(title, detail, fix);
  return ok(title, detail);
}
