import { createHash } from 'node:crypto';
import type { Course } from '../contract.js';
import type { CourseDoc, CourseStore } from '../store/index.js';
import { courseIdSchema, type CourseInput } from './course-schema.js';

/** A public course ready to send: its JSON text and a strong ETag for it. */
export interface CachedCourse {
  course: Course;
  json: string;
  etag: string;
}

/** The public course catalog, with a short-lived read cache in front of the store. */
export interface Catalog {
  /** The active course with that id, or null (also for ids that are not slugs). */
  get(id: string): Promise<CachedCourse | null>;
  list(): Promise<Course[]>;
  put(id: string, input: CourseInput): Promise<{ course: Course; created: boolean }>;
}

/** Options for the catalog; `cacheMs` 0 disables caching. */
export interface CatalogOptions {
  cacheMs?: number;
  now?: () => number;
}

/** Maps a stored course to its public shape. */
export function toCourse(doc: CourseDoc): Course {
  return { id: doc._id, title: doc.title, description: doc.description, price: doc.price, currency: doc.currency };
}

/** Creates the catalog. Reads are cached for `cacheMs` (default 2 s) so hot price lookups skip the database. */
export function createCatalog(store: CourseStore, { cacheMs = 2_000, now = Date.now }: CatalogOptions = {}): Catalog {
  const cache = new Map<string, { value: CachedCourse | null; until: number }>();
  return {
    async get(id) {
      if (!courseIdSchema.safeParse(id).success) return null;
      const hit = cache.get(id);
      if (hit && hit.until > now()) return hit.value;
      const doc = await store.findActive(id);
      const value = doc ? cacheable(toCourse(doc)) : null;
      if (cacheMs > 0) {
        // Bounded, so requests for many unknown ids cannot grow memory.
        if (cache.size >= maxEntries) cache.clear();
        cache.set(id, { value, until: now() + cacheMs });
      }
      return value;
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

const maxEntries = 1_000;

function cacheable(course: Course): CachedCourse {
  const json = JSON.stringify(course);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  return { course, json, etag };
}
