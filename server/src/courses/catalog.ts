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

/** The public course list ready to send: its JSON text (`{courses}`) and a strong ETag. */
export interface CachedList {
  courses: Course[];
  json: string;
  etag: string;
}

/** The public course catalog, with a short-lived read cache in front of the store. */
export interface Catalog {
  /** The active course with that id, or null (also for ids that are not slugs). */
  get(id: string): Promise<CachedCourse | null>;
  /** The same answer from the cache alone, without waiting: undefined when it must be looked up. */
  peek(id: string): CachedCourse | null | undefined;
  /** Every active course, cached like one course (fresh for `cacheMs`, then served stale while it refreshes). */
  list(): Promise<CachedList>;
  /** The list from the cache alone, without waiting: undefined when it must be looked up. */
  peekList(): CachedList | undefined;
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

  let listed: { value: CachedList; until: number; storedAt: number } | undefined;
  let listing: Promise<CachedList> | undefined;

  /** Reads the list from the store, once however many callers ask at the same time. */
  function lookupList(): Promise<CachedList> {
    listing ??= store
      .listActive()
      .then((docs) => {
        const courses = docs.map(toCourse);
        const json = JSON.stringify({ courses });
        const value = { courses, json, etag: strongEtag(json) };
        if (cacheMs > 0) listed = { value, until: now() + cacheMs, storedAt: now() };
        return value;
      })
      .finally(() => (listing = undefined));
    return listing;
  }

  function peekList(): CachedList | undefined {
    if (!listed) return undefined;
    if (listed.until > now()) return listed.value;
    if (now() - listed.storedAt >= maxStaleMs) return undefined;
    lookupList().catch(() => undefined); // refresh in the background; the stale list stands meanwhile
    return listed.value;
  }

  return {
    peek,
    async get(id) {
      const cached = peek(id);
      return cached === undefined ? lookup(id) : cached;
    },
    peekList,
    async list() {
      return peekList() ?? lookupList();
    },
    async put(id, input) {
      const { course, created } = await store.upsert(id, input, new Date(now()));
      cache.delete(id);
      listed = undefined;
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
