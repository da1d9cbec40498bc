// Fails when widget.js, as a host page downloads it, exceeds the design's budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budget = 12_000;
const file = new URL('../dist/widget.js', import.meta.url);
const raw = readFileSync(file);
const gzip = gzipSync(raw, { level: 9 }).length;
const verdict = gzip <= budget ? 'within' : 'OVER';
console.log(`widget.js: ${raw.length} bytes, ${gzip} bytes gzip (${verdict} the ${budget}-byte budget)`);
if (gzip > budget) process.exit(1);
