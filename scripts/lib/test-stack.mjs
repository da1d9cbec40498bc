// The product stack for a test run: its own FerretDB data in a temporary folder, free ports,
// quiet logs. Stopped by the caller, and on process exit as a last resort.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './servers.mjs';
import { startStack } from './stack.mjs';

/**
 * @param {Record<string, string | undefined>} env the caller's environment
 * @param {{ extraOrigins?: string[] }} [options] more origins allowed to embed (a test runner's page)
 */
export async function startTestStack(env, { extraOrigins = [] } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'cb-stack-'));
  const examplePort = await freePort();
  const stack = await startStack({
    env: {
      ...env,
      // A test run never touches the developer's database unless asked to.
      MONGODB_URI: env.TEST_MONGODB_URI,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: undefined,
      ALLOWED_ORIGINS: [`http://localhost:${examplePort}`, `http://127.0.0.1:${examplePort}`, ...extraOrigins].join(
        ',',
      ),
      PORT: undefined,
      STRIPE_SECRET_KEY: undefined,
      SANDBOX_AUTO_SETTLE_MS: '1500',
      ADMIN_USER_IDS: undefined,
    },
    dataDir,
    port: await freePort(),
    examplePort,
    sandboxPort: await freePort(),
    log: () => undefined,
    quiet: true,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  process.once('exit', () => stack.backend.kill('SIGKILL'));
  return { ...stack, stop };
}
