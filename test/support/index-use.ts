import type { Document } from 'mongodb';
import type { IndexSpec } from '../../server/src/store/index-spec.js';
import type { QueryShape } from './query-shape.js';

/** What an index check found: the index that serves a query, or why none does and what would. */
export type IndexVerdict = { index: string } | { problem: string; wouldServe: Record<string, 1 | -1> };

interface Conditions {
  equality: Set<string>;
  range: Set<string>;
}

/**
 * Which declared index serves a query by MongoDB's equality → sort → range rule: every equality
 * field in the index's leading fields (any order), then the sort's fields in order (all in the
 * index's direction or all reversed), then the ranges, each on a field the index holds. A unique index whose every field is matched
 * by equality serves any query (one document). Each branch of an `$or` must be served on its own.
 */
export function indexFor(shape: QueryShape, declared: readonly IndexSpec[]): IndexVerdict {
  const indexes: IndexSpec[] = [
    { collection: shape.collection, name: '_id_', key: { _id: 1 }, unique: true },
    ...declared.filter((spec) => spec.collection === shape.collection),
  ];
  const sort = Object.entries(shape.sort ?? {}).map(([field, dir]) => [field, Number(dir)] as const);
  const served: string[] = [];
  for (const branch of branchesOf(shape.filter)) {
    const index = indexes.find((spec) => serves(spec, branch, sort));
    if (!index) {
      const wouldServe: Record<string, 1 | -1> = {};
      for (const field of branch.equality) wouldServe[field] = 1;
      for (const [field, dir] of sort) if (!(field in wouldServe)) wouldServe[field] = dir === -1 ? -1 : 1;
      for (const field of branch.range) if (!(field in wouldServe)) wouldServe[field] = 1;
      const what = branch.equality.size + branch.range.size + sort.length === 0 ? 'no filter and no sort' : 'no index';
      return { problem: `${what}: a collection scan${sort.length ? ' or an in-memory sort' : ''}`, wouldServe };
    }
    served.push(index.name);
  }
  return { index: [...new Set(served)].join(' | ') };
}

function serves(spec: IndexSpec, query: Conditions, sort: ReadonlyArray<readonly [string, number]>): boolean {
  const key = Object.entries(spec.key);
  if (spec.unique && key.every(([field]) => query.equality.has(field))) return true;
  let at = 0;
  while (at < key.length && query.equality.has(key[at]![0])) at += 1;
  const leading = new Set(key.slice(0, at).map(([field]) => field));
  const afterEqualities = new Set(key.slice(at).map(([field]) => field));
  if ([...query.equality].some((field) => !leading.has(field))) return false;
  let flip = 0;
  for (const [field, dir] of sort) {
    if (query.equality.has(field)) continue;
    const [indexField, indexDir] = key[at] ?? [];
    if (indexField !== field) return false;
    const sign = dir * Number(indexDir);
    if (flip !== 0 && sign !== flip) return false;
    flip = sign;
    at += 1;
  }
  // A range bounds the scan only on a field the index holds, after the equalities and the sort.
  if ([...query.range].some((field) => !afterEqualities.has(field) && !query.equality.has(field))) return false;
  return at > 0 || (key[0] !== undefined && query.range.has(key[0][0]));
}

/** The filter as branches of plain conditions: `$and` merged, `$or` split. */
function branchesOf(filter: Document): Conditions[] {
  let branches: Conditions[] = [{ equality: new Set(), range: new Set() }];
  const add = (part: Document) => {
    for (const [field, value] of Object.entries(part)) {
      if (field === '$and') for (const inner of value as Document[]) add(inner);
      else if (field === '$or') {
        const alternatives = (value as Document[]).flatMap(branchesOf);
        branches = branches.flatMap((b) => alternatives.map((alt) => merge(b, alt)));
      } else if (!field.startsWith('$')) {
        const kind = kindOf(value);
        for (const b of branches) if (kind) b[kind].add(field);
      }
    }
  };
  add(filter);
  return branches;
}

function kindOf(value: unknown): keyof Conditions | undefined {
  if (typeof value !== 'object' || value === null) return 'equality';
  const ops = Object.keys(value);
  if (ops.some((op) => op === '$eq' || op === '$in')) return 'equality';
  if (ops.some((op) => ['$gt', '$gte', '$lt', '$lte'].includes(op))) return 'range';
  return undefined; // $ne, $nin, $exists and the like bound no index
}

function merge(a: Conditions, b: Conditions): Conditions {
  return { equality: new Set([...a.equality, ...b.equality]), range: new Set([...a.range, ...b.range]) };
}
