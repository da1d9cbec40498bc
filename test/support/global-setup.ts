import type { TestProject } from 'vitest/node';
import { startFerretDb, startStripeMock } from '../../scripts/lib/servers.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
    stripeMockUrl: string;
  }
}

/** Starts the real test servers once for the whole run and stops them afterwards, pass or fail. */
export default async function setup(project: TestProject) {
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
