import type { TestProject } from 'vitest/node';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startFerretDb, startStripeMock } from '../../scripts/lib/servers.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
    stripeMockUrl: string;
  }
}

/** Starts the real test servers once for the whole run and stops them afterwards, pass or fail. */
export default async function setup(project: TestProject) {
  // The queries this run sends are recorded afresh (test/support/command-record.ts), none of an older run's.
  await rm(join(import.meta.dirname, '../../.data/commands'), { recursive: true, force: true });
  const external = process.env.TEST_MONGODB_URI;
  const ferret = external ? undefined : await startFerretDb();
  const stripeMock = await startStripeMock();
  project.provide('mongodbUri', external ?? ferret!.url);
  project.provide('stripeMockUrl', stripeMock.url);
  return async () => {
    await stripeMock.stop();
    await ferret?.stop();
  };
}
