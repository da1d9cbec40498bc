import type { Db } from 'mongodb';
import { createCourseStore, ensureCourseIndexes, type CourseStore } from './course-store.js';

export { connectDatabase, type Database } from './database.js';
export type { CourseDoc, CourseStore } from './course-store.js';

/** Every store the app uses, over one database. */
export interface Stores {
  courses: CourseStore;
}

/** Creates the stores over a database. */
export function createStores(db: Db): Stores {
  return { courses: createCourseStore(db) };
}

/** Creates every index the stores rely on. Safe to run at every start. */
export async function ensureIndexes(db: Db): Promise<void> {
  await ensureCourseIndexes(db);
}
