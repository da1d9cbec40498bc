export { migrate, pendingMigrations, type MigrationProgress } from './runner.js';
export { migrationSteps, type MigrationStep } from './steps.js';
