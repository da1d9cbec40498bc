import type { Course } from '../../../common/contract.js';
import { strongEtag } from '../http/etag.js';
import type { CourseDoc, CourseStore } from '../store/index.js';
import { isCourseId, type CourseInput } from './course-schema.js';

/** A public course ready to send: its JSON text and a strong ETag (HTTP headers are the edge's, `http/course-response.ts`). */
export interface CachedCourse {
  course: Course;
  json: string;
  etag: string;
}

/** The public course catalog, with a short-lived read cache in front of the store. */
export interface Catalog {
  /** The active course with that id, or null (also for ids that are not slugs). */
  get(id: string): Promise<CachedCourse | null>;
  /** The same answer from the cache alone, without waiting: undefined when it must be looked up. */
  peek(id: string): CachedCourse | null | undefined;
  list(): Promise<Course[]>;
  put(id: string, input: CourseInput): Promise<{ course: Course; created: boolean }>;
}

/** Options for the catalog; `cacheMs` 0 disables caching. */
export interface CatalogOptions {
  cacheMs?: number;
  /** How old a cached answer may be while a refresh runs. */
  maxStaleMs?: number;
  now?: () => number;
}

/** Maps a stored course to its public shape. */
export function toCourse(doc: CourseDoc): Course {
  return { id: doc._id, title: doc.title, description: doc.description, price: doc.price, currency: doc.currency };
}

/**
 * Creates the catalog. Reads are cached for `cacheMs` (default 2 s) so hot price lookups skip the
 * database; concurrent misses share one lookup, and an expired entry is served while one refresh
 * runs in the background (never more than `maxStaleMs` old), so the price never waits on MongoDB.
 */
export function createCatalog(
  store: CourseStore,
  { cacheMs = 2_000, maxStaleMs = 60_000, now = Date.now }: CatalogOptions = {},
): Catalog {
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<CachedCourse | null>>();

  /** Reads one course from the store, once however many callers ask at the same time. */
  function lookup(id: string): Promise<CachedCourse | null> {
    let running = pending.get(id);
    if (!running) {
      running = store
        .findActive(id)
        .then((doc) => {
          const value = doc ? cacheable(toCourse(doc)) : null;
          if (cacheMs > 0) {
            // Bounded, so requests for many unknown ids cannot grow memory.
            if (cache.size >= maxEntries && !cache.has(id)) cache.clear();
            cache.set(id, { value, until: now() + cacheMs, storedAt: now() });
          }
          return value;
        })
        .finally(() => pending.delete(id));
      pending.set(id, running);
    }
    return running;
  }

  function peek(id: string): CachedCourse | null | undefined {
    if (!isCourseId(id)) return null;
    const hit = cache.get(id);
    if (!hit) return undefined;
    if (hit.until > now()) return hit.value;
    if (now() - hit.storedAt >= maxStaleMs) return undefined;
    lookup(id).catch(() => undefined); // refresh in the background; the stale answer stands meanwhile
    return hit.value;
  }

  return {
    peek,
    async get(id) {
      const cached = peek(id);
      return cached === undefined ? lookup(id) : cached;
    },
    async list() {
      return (await store.listActive()).map(toCourse);
    },
    async put(id, input) {
      const { course, created } = await store.upsert(id, input, new Date(now()));
      cache.delete(id);
      return { course: toCourse(course), created };
    },
  };
}

interface Entry {
  value: CachedCourse | null;
  until: number;
  storedAt: number;
}

const maxEntries = 1_000;

function cacheable(course: Course): CachedCourse {
  const json = JSON.stringify(course);
  const etag = strongEtag(json);
  return { course, json, etag };
}
