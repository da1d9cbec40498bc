// The bench's servers run as production does: compiled JavaScript on plain node (`npm run bench`
// compiles them into dist/bench first, tsconfig.bench.json), not through a TypeScript loader,
// whose hooks alone cost a bare node:http server about 8 % of its throughput.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The node arguments that run bench/<name>.ts as compiled; BENCH_PROF=<folder> writes a CPU profile of it there. */
export function builtServer(name) {
  const file = fileURLToPath(new URL(`../dist/bench/bench/${name}.js`, import.meta.url));
  if (!existsSync(file))
    throw new Error(`${file} is missing: run the bench through \`npm run bench\`, which builds it`);
  const profile = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  return [...profile, file];
}
