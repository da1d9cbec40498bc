import { ConfigError, readConfig } from './config/env.js';
import { StartupError } from './errors.js';
import { migrateDatabase, pendingMigrationsAt } from './store/index.js';

// `npm run migrate`: applies the pending database migrations once, under a lease, and says which.
// `--check` only lists what is pending (exit 1 when something is).
try {
  const config = readConfig();
  if (process.argv.includes('--check')) {
    const pending = await pendingMigrationsAt(config.mongodbUri, config.mongodbDb);
    for (const step of pending) console.log(`pending: ${step.id}  ${step.description}`);
    console.log(pending.length === 0 ? 'migrations: none pending' : `migrations: ${pending.length} pending`);
    process.exit(pending.length === 0 ? 0 : 1);
  }
  const applied = await migrateDatabase(config.mongodbUri, config.mongodbDb, {
    onStep: ({ step, index, of }) => console.log(`migration ${index}/${of}: ${step.id}  ${step.description}`),
  });
  console.log(applied.length === 0 ? 'migrations: none pending' : `migrations: ${applied.length} applied`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
}
