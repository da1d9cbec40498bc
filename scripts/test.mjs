// `npm test`: every suite, in order, stopping at the first failure. Installs the test servers
// and Chromium first when they are missing.
import { spawnSync } from 'node:child_process';

const steps = [
  ['test servers', 'bash', ['scripts/install-test-servers.sh']],
  ['browser', 'bash', ['scripts/install-browser.sh']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['types', 'npm', ['run', '--silent', 'typecheck']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['size', 'npm', ['run', '--silent', 'size']],
  ['manifest', 'node', ['scripts/check-manifest.mjs']],
  ['server', 'npx', ['vitest', 'run', '--coverage']],
  // Every query the server suite just sent, against the declared indexes (and, with TEST_MONGODB_URI, explained).
  ['index use', 'npx', ['vitest', 'run', '--config', 'vitest.index-use.config.ts']],
  ['production', 'npx', ['vitest', 'run', '--config', 'vitest.production.config.ts']],
  ['widget', 'npx', ['wtr']],
  ['console outbox', 'npx', ['wtr', '--config', 'web-test-runner.outbox.config.mjs']],
  ['end to end', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
];

let passed = 0;
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s`);
    console.log(`steps: ${passed} passed, 1 failed`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
  passed += 1;
}
console.log(`steps: ${passed} passed, 0 failed`);
