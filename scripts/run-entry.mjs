// Runs one of the backend's command-line entries (`migrate`, `doctor`, `setup-stripe`): from the
// TypeScript sources with tsx in a checkout, from the compiled server where only `dist/` is installed
// (the container, `npm run build` then production dependencies only).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
const source = `server/src/${name}.ts`;
const compiled = `dist/node/server/src/${name}.js`;
const tsx = 'node_modules/.bin/tsx';
const command =
  existsSync(source) && existsSync(tsx) ? [tsx, [source, ...args]] : [process.execPath, [compiled, ...args]];
if (!existsSync(source) && !existsSync(compiled)) {
  console.error(`run-entry: neither ${source} nor ${compiled} exists; run npm run build.`);
  process.exit(1);
}
const result = spawnSync(command[0], command[1], { stdio: 'inherit' });
process.exit(result.status ?? 1);
