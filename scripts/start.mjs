// `npm start`: builds the widget and runs the whole product locally. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startStack } from './lib/stack.mjs';

if (existsSync('.env')) process.loadEnvFile('.env');

const build = spawnSync(
  process.execPath,
  ['node_modules/rollup/dist/bin/rollup', '-c', 'rollup.config.mjs', '--silent'],
  {
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

try {
  const stack = await startStack({ env: { ...process.env }, dataDir: process.env.CB_DATA_DIR || undefined });
  console.log(`
  Course booking is running.
    backend        ${stack.backendUrl}   (try ${stack.backendUrl}/api/courses)
    example site   ${stack.exampleUrl}/   (a third-party page that embeds the widget)${
      stack.sandboxUrl ? `\n    sandbox        ${stack.sandboxUrl}   (SANDBOX Stripe checkout: no money moves)` : ''
    }${stack.inboxUrl ? `\n    inbox          ${stack.inboxUrl}   (every email the product sends, caught here)` : ''}
    console        ${stack.consoleUrl}${
      stack.devAdminName ? `   (development sign-in: "${stack.devAdminName}")` : '   (Clerk users in ADMIN_USER_IDS)'
    }
    admin API key  in .data/dev-secrets.json (or ADMIN_API_KEY)
  Press Ctrl-C to stop.
`);
  let stopping = false;
  const shutdown = async () => {
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  stack.backend.once('exit', async (code) => {
    if (stopping) return;
    console.error(`the backend stopped (exit code ${code}); stopping the rest`);
    await stack.stop();
    process.exit(1);
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
