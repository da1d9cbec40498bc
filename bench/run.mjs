// `npm run bench`: every benchmark in one run, each printing its ratios (and budgets where the
// design has one). Exits non-zero when any is over its budget; every part runs regardless.
import { spawnSync } from 'node:child_process';

const parts = [
  'bench/courses.mjs',
  'bench/time-to-price.mjs',
  'bench/webhooks.mjs',
  'bench/start.mjs',
  'bench/database.mjs',
  'bench/creates.ts',
  'bench/messages.ts',
];
let failed = 0;
for (const part of parts) {
  const args = part.endsWith('.ts') ? ['--import', 'tsx', part] : [part];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
