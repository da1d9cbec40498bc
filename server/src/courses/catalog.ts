import type { Course, Question } from '../../../common/contract.js';
import { priceTexts } from '../../../common/money.js';
import { strongEtag } from '../http/etag.js';
import type { CourseDoc, CourseStore, SessionDoc, SessionStore } from '../store/index.js';
import { isCourseId, type CourseWrite } from './course-schema.js';
import { nextChange, seatPool, toSession, upcoming } from './course-sessions.js';

/** A course ready to send: its JSON text and a strong ETag (HTTP headers are the edge's, `http/course-response.ts`). */
export interface CachedCourse {
  course: Course;
  json: string;
  etag: string;
  /** Archived courses are found too (their bookings live on), but are not for sale: 410. */
  active: boolean;
  /** Seats for sale, or null for no limit. */
  capacity: number | null;
  /** How many seats one purchase may buy. */
  maxPerOrder: number;
  questions: Question[];
  waitlistOfferHours: number;
  allowPromotionCodes: boolean;
  /** Checkout creates an invoice; and asks for a business's tax ID. */
  invoiceCreation: boolean;
  taxIdCollection: boolean;
  /** Hours before each dated session its reminder goes out (0: none). */
  reminderHours: number;
  /** Every session of the course as stored, past and cancelled ones too (what a booking of one needs). */
  sessions: SessionDoc[];
}

/** The public course list ready to send: its JSON text (`{courses}`) and a strong ETag. */
export interface CachedList {
  courses: Course[];
  json: string;
  etag: string;
}

/** The course catalog, with a short-lived read cache in front of the store. */
export interface Catalog {
  /** The course with that id, archived or not, or null (also for ids that are not slugs). */
  get(id: string): Promise<CachedCourse | null>;
  /** The same answer from the cache alone, without waiting: undefined when it must be looked up. */
  peek(id: string): CachedCourse | null | undefined;
  /** Every active course, cached like one course (fresh for `cacheMs`, then served stale while it refreshes). */
  list(): Promise<CachedList>;
  /** The list from the cache alone, without waiting: undefined when it must be looked up. */
  peekList(): CachedList | undefined;
  /** Creates or replaces a course; answers it as the operator sees it (its settings beside the public shape). */
  put(
    id: string,
    input: CourseWrite,
  ): Promise<{ course: AdminCourse; previous: AdminCourse | null; created: boolean; limitAdded: boolean }>;
  /** Every course as the operator sees it, archived ones too, read from the store (no cache). */
  listAll(): Promise<AdminCourse[]>;
  /** Drops what this instance cached of a course (its seats changed here); other instances see it within `cacheMs`. */
  forget(id: string): void;
}

/** A course as the operator sees it: the public shape and the settings behind it. */
export type AdminCourse = Course & {
  active: boolean;
  capacity: number | null;
  maxPerOrder: number;
  questions: Question[];
  waitlistOfferHours: number;
  allowPromotionCodes: boolean;
  invoiceCreation: boolean;
  taxIdCollection: boolean;
  reminderHours: number;
};

/** Options for the catalog; `cacheMs` 0 disables caching. */
export interface CatalogOptions {
  cacheMs?: number;
  /** How old a cached answer may be while a refresh runs. */
  maxStaleMs?: number;
  now?: () => number;
  /** How many seats of a pool (a course, or one of its sessions) are taken; read only where there is a capacity. */
  seatsTaken?: (pool: string) => Promise<number>;
  /** A course's sessions, soonest first (past and cancelled ones too). */
  sessionsOf?: (courseId: string) => Promise<SessionDoc[]>;
}

/** The catalog over the stores it reads: courses, their sessions, and the seats taken of each. */
export function catalogOver(
  stores: { courses: CourseStore; sessions: SessionStore; seats: { countTaken: (pool: string) => Promise<number> } },
  options: Omit<CatalogOptions, 'seatsTaken' | 'sessionsOf'> = {},
): Catalog {
  return createCatalog(stores.courses, {
    ...options,
    seatsTaken: stores.seats.countTaken,
    sessionsOf: stores.sessions.listForCourse,
  });
}

/** Maps a stored course to its public shape, with the seats left when it has a capacity. */
export function toCourse(doc: CourseDoc, taken = 0): Course {
  const { _id: id, title, description, price, currency } = doc;
  const priced = {
    id,
    title,
    description,
    price,
    currency,
    ...(price > 0 ? { priceText: priceTexts(price, currency) } : {}),
  };
  const policy = {
    ...(doc.cancellationPolicy ? { cancellationPolicy: doc.cancellationPolicy } : {}),
    ...(doc.imageUrl ? { imageUrl: doc.imageUrl } : {}),
    ...(doc.pageUrl ? { pageUrl: doc.pageUrl } : {}),
    ...(doc.maxPerOrder && doc.maxPerOrder > 1 ? { maxPerOrder: doc.maxPerOrder } : {}),
    ...(doc.questions?.length ? { questions: doc.questions } : {}),
  };
  if (!doc.capacity) return { ...priced, soldOut: false, ...policy };
  const seatsLeft = Math.max(0, doc.capacity - taken);
  return { ...priced, seatsLeft, soldOut: seatsLeft === 0, ...policy };
}

/**
 * Creates the catalog. Reads are cached for `cacheMs` (default 2 s) so hot price lookups skip the
 * database; concurrent misses share one lookup, and an expired entry is served while one refresh
 * runs in the background (never more than `maxStaleMs` old), so the price never waits on MongoDB.
 */
export function createCatalog(
  store: CourseStore,
  {
    cacheMs = 2_000,
    maxStaleMs = 60_000,
    now = Date.now,
    seatsTaken = async () => 0,
    sessionsOf = async () => [],
  }: CatalogOptions = {},
): Catalog {
  /** A stored course as the API shows it: a capacity costs one count per cache period, not one per request. */
  async function adminCourse(doc: CourseDoc): Promise<AdminCourse> {
    return { ...(await publicCourse(doc)), ...settingsOf(doc) };
  }

  async function publicCourse(doc: CourseDoc): Promise<Course> {
    return (await withSessions(doc)).course;
  }

  /**
   * The public course with its upcoming sessions (each with its seats), every stored session, and
   * when that view next changes by time alone.
   */
  async function withSessions(doc: CourseDoc): Promise<{ course: Course; all: SessionDoc[]; changesAt: number }> {
    const at = now();
    const [taken, all] = await Promise.all([doc.capacity ? seatsTaken(doc._id) : 0, sessionsOf(doc._id)]);
    const listed = upcoming(all, at);
    const course = toCourse(doc, taken);
    if (listed.length === 0) return { course, all, changesAt: Infinity };
    const sessions = await Promise.all(
      listed.map(async (s) => toSession(s, s.capacity ? await seatsTaken(seatPool(doc._id, s.sessionId)) : 0, at)),
    );
    return { course: { ...course, sessions }, all, changesAt: nextChange(listed, at) };
  }

  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<CachedCourse | null>>();
  /** Counts changes: a store read that began before one is not cached, and not joined by later callers. */
  let generation = 0;
  function changed(id: string) {
    generation += 1;
    cache.delete(id);
    pending.delete(id);
    listed = undefined;
    listing = undefined;
  }

  /** Reads one course from the store, once however many callers ask at the same time. */
  function lookup(id: string): Promise<CachedCourse | null> {
    let running = pending.get(id);
    if (!running) {
      const started = generation;
      running = store
        .find(id)
        .then(async (doc) => {
          const shown = doc ? await withSessions(doc) : null;
          const value = doc && shown ? cacheable(doc, shown.course, shown.all) : null;
          // A read that began before a change is answered, but never kept.
          if (cacheMs > 0 && started === generation) {
            // Bounded, so requests for many unknown ids cannot grow memory.
            if (cache.size >= maxEntries && !cache.has(id)) cache.clear();
            // Fresh until a session closes or starts, at the latest: never shown bookable after that.
            const until = Math.min(now() + cacheMs, shown?.changesAt ?? Infinity);
            cache.set(id, { value, until, storedAt: now(), changesAt: shown?.changesAt ?? Infinity });
          }
          return value;
        })
        .finally(() => {
          if (pending.get(id) === running) pending.delete(id);
        });
      pending.set(id, running);
    }
    return running;
  }

  function peek(id: string): CachedCourse | null | undefined {
    if (!isCourseId(id)) return null;
    const hit = cache.get(id);
    if (!hit) return undefined;
    if (hit.until > now()) return hit.value;
    // Stale while one refresh runs, but never past a moment a session closed or started.
    if (now() - hit.storedAt >= maxStaleMs || now() >= hit.changesAt) return undefined;
    lookup(id).catch(() => undefined); // refresh in the background; the stale answer stands meanwhile
    return hit.value;
  }

  let listed: { value: CachedList; until: number; storedAt: number; changesAt: number } | undefined;
  let listing: Promise<CachedList> | undefined;

  /** Reads the list from the store, once however many callers ask at the same time. */
  function lookupList(): Promise<CachedList> {
    if (listing) return listing;
    const started = generation;
    const running: Promise<CachedList> = store
      .listActive()
      .then(async (docs) => {
        const shown = await Promise.all(docs.map(withSessions));
        const courses = shown.map((s) => s.course);
        const json = JSON.stringify({ courses });
        const value = { courses, json, etag: strongEtag(json) };
        const changesAt = Math.min(...shown.map((s) => s.changesAt));
        if (cacheMs > 0 && started === generation) {
          listed = { value, until: Math.min(now() + cacheMs, changesAt), storedAt: now(), changesAt };
        }
        return value;
      })
      .finally(() => {
        if (listing === running) listing = undefined;
      });
    listing = running;
    return running;
  }

  function peekList(): CachedList | undefined {
    if (!listed) return undefined;
    if (listed.until > now()) return listed.value;
    if (now() - listed.storedAt >= maxStaleMs || now() >= listed.changesAt) return undefined;
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
      const { course, created, previous } = await store.upsert(id, input, new Date(now()));
      changed(id);
      // A course that sold without a seat limit and has one now: its bookings hold no seats yet.
      const limitAdded = previous !== null && !previous.capacity && !!course.capacity;
      return {
        course: await adminCourse(course),
        previous: previous && { ...toCourse(previous), ...settingsOf(previous) },
        created,
        limitAdded,
      };
    },
    async listAll() {
      return Promise.all((await store.listAll()).map(adminCourse));
    },
    forget: changed,
  };
}

interface Entry {
  value: CachedCourse | null;
  until: number;
  storedAt: number;
  /** When a listed session closes or starts (Infinity when none will). */
  changesAt: number;
}

const maxEntries = 1_000;

function cacheable(doc: CourseDoc, course: Course, sessions: SessionDoc[]): CachedCourse {
  const json = JSON.stringify(course);
  const etag = strongEtag(json);
  return { course, json, etag, ...settingsOf(doc), sessions };
}

/** What a stored course says beyond its public shape (courses stored before seats have neither setting). */
function settingsOf(doc: CourseDoc) {
  return {
    active: doc.active,
    capacity: doc.capacity ?? null,
    maxPerOrder: doc.maxPerOrder ?? 1,
    questions: doc.questions ?? [],
    waitlistOfferHours: doc.waitlistOfferHours ?? 24,
    allowPromotionCodes: doc.allowPromotionCodes ?? false,
    invoiceCreation: doc.invoiceCreation ?? false,
    taxIdCollection: doc.taxIdCollection ?? false,
    reminderHours: doc.reminderHours ?? 24,
  };
}
