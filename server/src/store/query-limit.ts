import type { Collection, Db } from 'mongodb';

/** The collection methods that read, each with the position of its options argument. */
const reads: Record<string, number> = {
  find: 1,
  findOne: 1,
  aggregate: 1,
  countDocuments: 1,
  distinct: 2,
  findOneAndUpdate: 2,
  findOneAndDelete: 1,
  findOneAndReplace: 2,
};

/**
 * The database, with `maxTimeMS` on every query and aggregation its collections run (unless the
 * call sets its own): the server stops work that took too long and answers `MaxTimeMSExpired`,
 * which becomes a 503, instead of the client cutting the connection under a half-done write.
 */
export function withQueryLimit(db: Db, maxTimeMS: number): Db {
  const limited = new Map<string, Collection>();
  return new Proxy(db, {
    get(target, name, receiver) {
      if (name !== 'collection') return Reflect.get(target, name, receiver) as unknown;
      return (collectionName: string, options?: Parameters<Db['collection']>[1]) => {
        if (options) return limitQueries(target.collection(collectionName, options), maxTimeMS);
        let collection = limited.get(collectionName);
        if (!collection)
          limited.set(collectionName, (collection = limitQueries(target.collection(collectionName), maxTimeMS)));
        return collection;
      };
    },
  });
}

function limitQueries(collection: Collection, maxTimeMS: number): Collection {
  return new Proxy(collection, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      const at = typeof name === 'string' ? reads[name] : undefined;
      if (at === undefined || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const given = (args[at] ?? {}) as { maxTimeMS?: number };
        args[at] = { maxTimeMS, ...given };
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
