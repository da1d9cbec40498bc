// Fails when what a host page downloads before the price shows (widget.js and the chunks it
// imports statically) exceeds the design's budget. Chunks loaded on demand do not count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budget = 12_000;
const dist = new URL('../dist/', import.meta.url).pathname;

/** widget.js and, recursively, the files its static `import … from` statements name. */
function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w${},*\s]+from\s*)?["']([^"']+)["']/g)) {
    if (spec.startsWith('.')) staticGraph(join(dirname(file), spec), seen);
  }
  return seen;
}

// A page in another language also loads what shows with the price in it (not its `-flow` part,
// which comes after): count the largest.
const languages = readdirSync(join(dist, 'chunks')).filter((f) => /^(de|es|fr|ja)-(?!flow-)/.test(f));
const largest = languages.sort(
  (a, b) => statSync(join(dist, 'chunks', b)).size - statSync(join(dist, 'chunks', a)).size,
)[0];
const files = [...staticGraph(join(dist, 'widget.js')), ...(largest ? [join(dist, 'chunks', largest)] : [])];
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = readFileSync(file);
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const verdict = gzip <= budget ? 'within' : 'OVER';
const names = files.map((f) => f.slice(dist.length)).join(' + ');
console.log(
  `before the price shows (${names}): ${raw} bytes, ${gzip} bytes gzip (${verdict} the ${budget}-byte budget)`,
);
if (gzip > budget) process.exit(1);
