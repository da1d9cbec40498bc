// The real serving path (node:http with the price fast path in front of the Hono app, FerretDB
// behind the catalog) serving one course, for bench/courses.mjs. Prints its URL when ready.
import { assemble } from '../server/src/compose.js';
import { createAuth } from '../server/src/auth/index.js';
import { catalogOver } from '../server/src/courses/catalog.js';
import { listen } from '../server/src/http/listen.js';
import { createLogger } from '../server/src/logger.js';
import { connectDatabase, createStores, migrate } from '../server/src/store/index.js';
import { coursePageFastPath } from '../server/src/routes/course-page.js';

const [mongodbUri, logLevel = 'info'] = process.argv.slice(2) as [string, string?];
const database = await connectDatabase(mongodbUri, `bench_${process.pid}`);
await migrate(database.db);
const stores = createStores(database.db);
const publicUrl = 'http://127.0.0.1';
// Its seat count comes from the seat store, as in production: the benched course has a capacity.
const catalog = catalogOver(stores);
// Request logs are written as in production, to a sink, so their cost is measured but not printed.
const logger = createLogger(logLevel as 'info', {}, () => undefined);
const { app } = assemble({
  config: { adminApiKey: 'a'.repeat(32), allowedOrigins: [], publicUrl, widgetTokenSecret: 'w'.repeat(32) },
  stores,
  catalog,
  logger,
  ping: database.ping,
  loadAsset: async () => undefined,
  auth: createAuth({ publicUrl, allowedOrigins: [], widgetTokenSecret: 'w'.repeat(32), clerk: {} }),
});
await stores.courses.upsert(
  'intro-typescript',
  {
    title: 'Intro to TypeScript',
    description: 'Four evenings, from types to generics.',
    price: 4900,
    currency: 'usd',
    active: true,
    capacity: 40,
  },
  new Date(),
);
// A course on 5 dates (weekly Saturdays in Berlin), each with its own seats: its read lists all five.
await stores.courses.upsert(
  'pottery-weekend',
  {
    title: 'Pottery Weekend',
    description: 'Two days at the wheel.',
    price: 12900,
    currency: 'usd',
    active: true,
    capacity: null,
  },
  new Date(),
);
for (let week = 1; week <= 5; week += 1) {
  const startsAt = new Date(Date.now() + week * 7 * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 30 * 3_600_000);
  const input = {
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    timeZone: 'Europe/Berlin',
    capacity: 6,
  };
  await stores.sessions.upsert(
    'pottery-weekend',
    `week-${week}`,
    { ...input, location: 'Studio 2, Berlin' },
    new Date(),
  );
}
const server = await listen({
  fetch: app.fetch,
  catalog,
  coursePage: coursePageFastPath(catalog, { publicUrl }),
  logger,
  port: 0,
  host: '127.0.0.1',
});
console.log(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
process.on('SIGTERM', () => server.close(() => void database.db.dropDatabase().finally(() => process.exit(0))));
