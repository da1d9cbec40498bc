import type { Collection, Filter, WithId } from 'mongodb';

/** Where a page of a newest-first list ends: the last item's time and id (ties broken by id). */
export interface PageCursor {
  at: Date;
  id: string;
}

/** A page of a newest-first list, and the cursor of the next one (null on the last page). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** The opaque text of a cursor, as clients pass it back. */
export function encodeCursor({ at, id }: PageCursor): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

/** Reads a cursor a client sent; null when it is not one of ours. */
export function decodeCursor(text: string): PageCursor | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && id.length <= 100 && !Number.isNaN(date.getTime())) {
      return { at: date, id };
    }
  } catch {
    // Not one of ours.
  }
  return null;
}

/**
 * The filter for what comes after `cursor` in `{<field>: -1, _id: -1}` order (`createdAt` unless
 * named): stable while new items arrive (they sort before the first page), and no `skip`, so every
 * page costs the same.
 */
export function after<T extends { _id: string }>(cursor: PageCursor | undefined, field = 'createdAt'): Filter<T> {
  if (!cursor) return {};
  return {
    $or: [{ [field]: { $lt: cursor.at } }, { [field]: cursor.at, _id: { $lt: cursor.id } }],
  } as Filter<T>;
}

/**
 * A newest-first page of a collection in `{<field>: -1, _id: -1}` order, after `cursor`: one more
 * than asked is read, to know whether another page follows.
 */
export async function newestPage<T extends { _id: string }>(
  collection: Collection<T>,
  filter: Filter<T>,
  field: keyof T & string,
  { cursor, limit }: { cursor?: PageCursor | undefined; limit: number },
): Promise<Page<WithId<T>>> {
  const rest = after<T>(cursor, field);
  const where = cursor ? ({ $and: [filter, rest] } as Filter<T>) : filter;
  const docs = await collection
    .find(where)
    .sort({ [field]: -1, _id: -1 })
    .limit(limit + 1)
    .toArray();
  const items = docs.slice(0, limit);
  const last = items.at(-1);
  const at = last?.[field as keyof WithId<T>];
  return { items, next: docs.length > limit && at instanceof Date ? encodeCursor({ at, id: last!._id }) : null };
}
