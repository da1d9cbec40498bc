import type { TestProject } from 'vitest/node';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startFerretDb, startMailpit, startStripeMock } from '../../scripts/lib/servers.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
    stripeMockUrl: string;
    /** The mail catcher: its SMTP server, and its HTTP API where the tests read what arrived. */
    smtpUrl: string;
    mailApiUrl: string;
  }
}

/** Starts the real test servers once for the whole run and stops them afterwards, pass or fail. */
export default async function setup(project: TestProject) {
  // The queries this run sends are recorded afresh (test/support/command-record.ts), none of an older run's.
  await rm(join(import.meta.dirname, '../../.data/commands'), { recursive: true, force: true });
  const external = process.env.TEST_MONGODB_URI;
  const ferret = external ? undefined : await startFerretDb();
  const stripeMock = await startStripeMock();
  const mailpit = await startMailpit();
  project.provide('mongodbUri', external ?? ferret!.url);
  project.provide('stripeMockUrl', stripeMock.url);
  project.provide('smtpUrl', mailpit.smtpUrl);
  project.provide('mailApiUrl', mailpit.apiUrl);
  return async () => {
    await mailpit.stop();
    await stripeMock.stop();
    await ferret?.stop();
  };
}
