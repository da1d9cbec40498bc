import type { IndexSpec } from './index-spec.js';
import type { Collection, Db } from 'mongodb';
import type { CourseWrite } from '../courses/course-schema.js';
import type { CancellationPolicy } from '../courses/cancellation-policy.js';
import type { Question } from '../../../common/contract.js';
import { guard } from './database.js';

/** A course as stored in the `courses` collection. */
export interface CourseDoc {
  _id: string;
  title: string;
  description: string;
  price: number;
  currency: string;
  active: boolean;
  /** Seats for sale; null (or absent, in courses stored before seats) for no limit. */
  capacity?: number | null;
  /** How many seats one purchase may buy (absent, in courses stored before groups: 1). */
  maxPerOrder?: number;
  /** Hours a waiting list's offer holds its seats (absent: 24). */
  waitlistOfferHours?: number;
  /** What each attendee is asked (absent, in courses stored before questions: nothing). */
  questions?: Question[];
  allowPromotionCodes?: boolean;
  invoiceCreation?: boolean;
  taxIdCollection?: boolean;
  /** Hours before a dated session its reminder goes out (absent: 24; 0: none). */
  reminderHours?: number;
  /** When students may cancel or move themselves (absent or null: never). */
  cancellationPolicy?: CancellationPolicy | null;
  /** A picture for a shared link's preview, and the course's page on the operator's site (absent or null: none). */
  imageUrl?: string | null;
  pageUrl?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Reads and writes the course catalog. */
export interface CourseStore {
  listActive(): Promise<CourseDoc[]>;
  /** Every course, archived ones too, by id (the operator's list; the `_id` index). */
  listAll(): Promise<CourseDoc[]>;
  /** The course with that id, archived or not. */
  find(id: string): Promise<CourseDoc | null>;
  /** Creates or replaces a course; reports whether it was created. */
  upsert(
    id: string,
    input: CourseWrite,
    now: Date,
  ): Promise<{ course: CourseDoc; created: boolean; previous: CourseDoc | null }>;
}

/** Creates the course store over a MongoDB database. */
export function createCourseStore(db: Db): CourseStore {
  const courses: Collection<CourseDoc> = db.collection<CourseDoc>('courses');
  return {
    listActive: () => guard(() => courses.find({ active: true }).sort({ _id: 1 }).toArray()),
    listAll: () => guard(() => courses.find({}).sort({ _id: 1 }).toArray()),
    find: (id) => guard(() => courses.findOne({ _id: id })),
    upsert: (id, input, now) =>
      guard(async () => {
        const existing = await courses.findOne({ _id: id });
        const course: CourseDoc = {
          _id: id,
          ...input,
          capacity: input.capacity ?? null,
          maxPerOrder: input.maxPerOrder ?? 1,
          questions: input.questions ?? [],
          allowPromotionCodes: input.allowPromotionCodes ?? false,
          invoiceCreation: input.invoiceCreation ?? false,
          taxIdCollection: input.taxIdCollection ?? false,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        await courses.replaceOne({ _id: id }, course, { upsert: true });
        return { course, created: existing === null, previous: existing };
      }),
  };
}

/** The indexes the course queries rely on. */
export const courseIndexes: IndexSpec[] = [{ collection: 'courses', name: 'active_id', key: { active: 1, _id: 1 } }];
