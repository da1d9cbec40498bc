import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { dropClaim, takeClaim, whileHolding, type ClaimDoc } from '../claims.js';
import { migrationSteps, type MigrationStep } from './steps.js';

/** What `migrations` records of an applied step. */
interface AppliedDoc {
  _id: string;
  description: string;
  appliedAt: Date;
  ms: number;
}

/** Where a run of the migrations stands, for `/readyz` and the logs. */
export interface MigrationProgress {
  step: MigrationStep;
  index: number;
  of: number;
}

export interface MigrateOptions {
  steps?: readonly MigrationStep[];
  /** A runner silent for this long is taken as dead and its lease taken over. */
  leaseMs?: number;
  /** How often a waiting instance looks whether the runner finished. */
  pollMs?: number;
  onStep?: (progress: MigrationProgress) => void;
  now?: () => Date;
}

/** The steps not applied yet, in order. One query on `_id`. */
export async function pendingMigrations(db: Db, steps = migrationSteps): Promise<MigrationStep[]> {
  const applied = db.collection<AppliedDoc>('migrations');
  const done = await applied.find({ _id: { $in: steps.map((s) => s.id) } }, { projection: { _id: 1 } }).toArray();
  const ids = new Set(done.map((d) => d._id));
  return steps.filter((step) => !ids.has(step.id));
}

/**
 * Applies the pending steps in order, one instance at a time (a lease in `leases`, renewed while
 * a step runs): an instance that finds another running waits for it to finish. Each step is
 * recorded once it has run, so a crash mid-step runs that step again (steps are written to be safe
 * to repeat). Returns the ids it applied.
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<string[]> {
  const { steps = migrationSteps, leaseMs = 30_000, pollMs = 500, now = () => new Date() } = options;
  const leases = db.collection<ClaimDoc>('leases');
  const applied = db.collection<AppliedDoc>('migrations');
  const owner = randomBytes(8).toString('hex');
  const ran: string[] = [];
  for (;;) {
    const pending = await pendingMigrations(db, steps);
    if (pending.length === 0) return ran;
    if (!(await takeClaim(leases, 'migrations', owner, now(), leaseMs))) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      continue;
    }
    const lease = {
      renew: () => takeClaim(leases, 'migrations', owner, now(), leaseMs),
      release: () => dropClaim(leases, 'migrations', owner),
      lifetimeMs: leaseMs,
    };
    await whileHolding(lease, async () => {
      // Read again under the lease: another runner may have finished in between.
      for (const step of await pendingMigrations(db, steps)) {
        options.onStep?.({ step, index: steps.indexOf(step) + 1, of: steps.length });
        const started = Date.now();
        await step.run(db);
        const record = { description: step.description, appliedAt: now(), ms: Date.now() - started };
        await applied.updateOne({ _id: step.id }, { $set: record }, { upsert: true });
        ran.push(step.id);
      }
    });
  }
}
