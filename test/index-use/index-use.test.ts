import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import type { Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, declaredIndexes, migrate, type Database } from '../../server/src/store/index.js';
import { indexFor } from '../support/index-use.js';
import type { QueryShape } from '../support/query-shape.js';
import { recordedShapes } from './recorded.js';

// Runs after the server suite (`npm test` orders it so), over the queries that suite sent.
const shapes = recordedShapes();
const where = (shape: QueryShape) =>
  `${shape.collection}.${shape.command} ${JSON.stringify(shape.filter)}${shape.sort ? ` sort ${JSON.stringify(shape.sort)}` : ''} (first sent by ${relative(process.cwd(), shape.seenIn ?? '?')})`;

describe('every query the server suite sent', () => {
  it('was recorded: the server suite ran first', () => {
    expect(shapes.length).toBeGreaterThan(20);
  });

  it('is served by a declared index, by the equality → sort → range rule', () => {
    const unserved = shapes.flatMap((shape) => {
      const verdict = indexFor(shape, declaredIndexes);
      return 'problem' in verdict
        ? [`${where(shape)}: ${verdict.problem}; an index ${JSON.stringify(verdict.wouldServe)} would serve it`]
        : [];
    });
    expect(unserved).toEqual([]);
  });

  it('carries maxTimeMS when it reads, so the server stops work that took too long', () => {
    const reads = shapes.filter((shape) =>
      ['find', 'aggregate', 'count', 'distinct', 'findAndModify'].includes(shape.command),
    );
    expect(reads.filter((shape) => !shape.maxTimeMS).map(where)).toEqual([]);
  });
});

describe('index checks by the rule', () => {
  const check = (filter: Document, sort?: Document) =>
    indexFor({ collection: 'bookings', command: 'find', filter, sort }, declaredIndexes);

  it('accept a student list: equality, then the sort', () => {
    expect(check({ userId: '?' }, { createdAt: -1, _id: -1 })).toEqual({ index: 'user_newest' });
  });

  it('refuse a sort the index does not give, naming the index that would', () => {
    expect(check({ userId: '?' }, { updatedAt: -1 })).toEqual({
      problem: 'no index: a collection scan or an in-memory sort',
      wouldServe: { userId: 1, updatedAt: -1 },
    });
  });

  it('refuse a range on a field the index lacks, and an empty filter with no sort', () => {
    expect(check({ amount: { $gt: '?' } }, { createdAt: -1 })).toHaveProperty('problem');
    expect(check({ createdAt: { $gt: '?' } }, { createdAt: -1, _id: -1 })).toEqual({ index: 'newest' });
    expect(check({})).toHaveProperty('problem', 'no filter and no sort: a collection scan');
  });

  it('need every branch of an $or served', () => {
    expect(check({ $or: [{ userId: '?' }, { stripeSessionId: '?' }] }, { createdAt: -1, _id: -1 })).toEqual({
      index: 'user_newest | by_session',
    });
    expect(check({ $or: [{ userId: '?' }, { courseTitle: '?' }] })).toHaveProperty('problem');
  });
});

// Only a genuine MongoDB can say which plan it runs. TEST_MONGODB_URI=mongodb://… npm test runs this.
const uri = process.env.TEST_MONGODB_URI;
let database: Database | undefined;
let genuine = false;
let why = 'TEST_MONGODB_URI is not set';
beforeAll(async () => {
  if (!uri) return;
  database = await connectDatabase(uri, `explain_${randomBytes(4).toString('hex')}`);
  const info = await database.db.admin().command({ buildInfo: 1 });
  genuine = !('ferretdbVersion' in info || 'ferretdbFeatures' in info);
  why = genuine
    ? ''
    : `TEST_MONGODB_URI points at FerretDB ${String(info.ferretdbVersion ?? '')}, which has no query plans to explain`;
  if (genuine) await migrate(database.db);
});
afterAll(async () => {
  await database?.db.dropDatabase().catch(() => undefined);
  await database?.close();
});

describe('on a genuine MongoDB (TEST_MONGODB_URI)', () => {
  it('runs every recorded query with no COLLSCAN and no in-memory SORT (explain executionStats)', async (context) => {
    if (!genuine) {
      console.log(`explain test skipped: ${why}; the static check above ran instead.`);
      context.skip(why);
    }
    const bad: string[] = [];
    for (const shape of shapes) {
      const stages = planStages(await explain(database!, shape));
      if (stages.includes('COLLSCAN') || stages.includes('SORT')) bad.push(`${where(shape)}: ${stages.join(' > ')}`);
    }
    expect(bad).toEqual([]);
  });
});

/** The recorded query with a value in place of each `?`, explained by the server. */
function explain(database: Database, shape: QueryShape): Promise<Document> {
  const filter = filled(shape.filter);
  const command =
    shape.command === 'aggregate'
      ? {
          aggregate: shape.collection,
          pipeline: [{ $match: filter }, ...(shape.sort ? [{ $sort: shape.sort }] : [])],
          cursor: {},
        }
      : shape.command === 'find' || shape.command === 'findAndModify'
        ? { find: shape.collection, filter, ...(shape.sort ? { sort: shape.sort } : {}) }
        : shape.command === 'update' || shape.command === 'delete'
          ? { find: shape.collection, filter }
          : { count: shape.collection, query: filter };
  return database.db.command({ explain: command, verbosity: 'executionStats' });
}

function filled(filter: Document): Document {
  const out: Document = {};
  for (const [field, value] of Object.entries(filter)) {
    if (Array.isArray(value)) out[field] = value.map((v: Document) => filled(v));
    else if (value === '?') out[field] = 'x';
    else
      out[field] = Object.fromEntries(
        Object.keys(value as Document).map((op) => [
          op,
          op === '$in' || op === '$nin' ? ['x'] : op === '$exists' ? true : 'x',
        ]),
      );
  }
  return out;
}

/** Every stage name in the winning plan, outermost first. */
function planStages(explained: Document): string[] {
  const names: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const stage = (node as Document).stage;
    if (typeof stage === 'string') names.push(stage);
    for (const value of Object.values(node as Document)) if (typeof value === 'object') walk(value);
  };
  walk(explained.queryPlanner?.winningPlan ?? explained.stages ?? explained);
  return names;
}
