import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { inject } from 'vitest';
import { freePort, waitForPort, waitForReady } from '../../scripts/lib/servers.mjs';

const entry = resolve(import.meta.dirname, '../../server/src/index.ts');

/**
 * The server as an operator runs it (`server/src/index.ts` in a process of its own), without
 * Stripe, over `dbName` on the test database, on a port of its own; resolves once it is ready
 * (its migrations applied).
 */
export async function startServerProcess(dbName: string, adminKey: string) {
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...process.env,
      PORT: String(port),
      MONGODB_URI: inject('mongodbUri'),
      MONGODB_DB: dbName,
      WIDGET_TOKEN_SECRET: 'w'.repeat(32),
      ADMIN_API_KEY: adminKey,
      STRIPE_SECRET_KEY: '',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((done) => server.once('exit', done));
  await waitForPort(port, server);
  await waitForReady(`http://127.0.0.1:${port}`, server);
  return { port, server, exited };
}
