import type { Collection, Db } from 'mongodb';
import { guard } from './database.js';

/** What the last run of a periodic job did, whichever instance ran it. */
export interface JobRun {
  at: Date;
  durationMs: number;
  checked: number;
  repaired: number;
  failed: number;
}

type JobDoc = JobRun & { _id: string };

/** The last run of each periodic job (one document per job in `job_runs`, by `_id`). */
export interface JobStore {
  recordRun(job: string, run: JobRun): Promise<void>;
  lastRun(job: string): Promise<JobRun | null>;
}

/** Creates the job store. */
export function createJobStore(db: Db): JobStore {
  const runs: Collection<JobDoc> = db.collection<JobDoc>('job_runs');
  return {
    recordRun: (job, run) =>
      guard(async () => {
        await runs.replaceOne({ _id: job }, run, { upsert: true });
      }),
    lastRun: (job) =>
      guard(async () => {
        const doc = await runs.findOne({ _id: job });
        if (!doc) return null;
        const { _id, ...run } = doc;
        return run;
      }),
  };
}
