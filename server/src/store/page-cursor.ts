import type { Filter } from 'mongodb';
import { errors } from '../errors.js';

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

/** Reads a cursor a client sent; 400 `invalid_request` naming `cursor` when it is not one of ours. */
export function decodeCursor(text: string): PageCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && id.length <= 100 && !Number.isNaN(date.getTime())) {
      return { at: date, id };
    }
  } catch {
    // Falls through to the error.
  }
  throw errors.invalidRequest('Invalid query.', { cursor: 'must be a cursor from a previous page' });
}

/**
 * The filter for what comes after `cursor` in `{createdAt: -1, _id: -1}` order: stable while new
 * items arrive (they sort before the first page), and no `skip`, so every page costs the same.
 */
export function after<T extends { createdAt: Date; _id: string }>(cursor: PageCursor | undefined): Filter<T> {
  if (!cursor) return {};
  return {
    $or: [{ createdAt: { $lt: cursor.at } }, { createdAt: cursor.at, _id: { $lt: cursor.id } }],
  } as Filter<T>;
}
