import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordDir } from '../support/command-record.js';
import type { QueryShape } from '../support/query-shape.js';

/** Every distinct query shape the last server suite sent, with the test file that first sent it. */
export function recordedShapes(): QueryShape[] {
  if (!existsSync(recordDir)) return [];
  const shapes = new Map<string, QueryShape>();
  for (const file of readdirSync(recordDir)) {
    for (const shape of JSON.parse(readFileSync(join(recordDir, file), 'utf8')) as QueryShape[]) {
      const { seenIn, ...key } = shape;
      if (!shapes.has(JSON.stringify(key))) shapes.set(JSON.stringify(key), { ...key, seenIn });
    }
  }
  return [...shapes.values()];
}
