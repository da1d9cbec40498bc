// A setup file of the server suite: records the shape of every query the app's database clients
// send (the driver's command monitoring), one file per test file, for the index-use check
// (`test/index-use/index-use.test.ts`), which runs after the suite.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { onEveryClient } from '../../server/src/store/database.js';
import { shapeOf, type QueryShape } from './query-shape.js';

/** Where the shapes go; the index-use check reads every file here. */
export const recordDir = join(import.meta.dirname, '../../.data/commands');

const shapes = new Map<string, QueryShape>();
onEveryClient((client) => {
  // The migrations' own client is not a request's: it may scan once, on purpose.
  if (client.options.appName !== 'course-booking') return;
  client.on('commandStarted', (event) => {
    const shape = shapeOf(event.commandName, event.command);
    if (!shape) return;
    const key = JSON.stringify(shape);
    if (!shapes.has(key)) shapes.set(key, { ...shape, seenIn: expect.getState().testPath ?? '?' });
  });
});

afterAll(() => {
  if (shapes.size === 0) return;
  mkdirSync(recordDir, { recursive: true });
  const name = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`;
  writeFileSync(join(recordDir, name), JSON.stringify([...shapes.values()]));
  shapes.clear();
});
