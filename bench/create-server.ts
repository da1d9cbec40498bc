// The real create path (node:http, the Hono app, admission, Clerk token verification, rate limits,
// seats, the booking's lock, the checkout attempt, Stripe's API through the SDK) for
// bench/creates.ts, over the embedded database, with the sandbox as Stripe's API (each session
// its own id). Rate limits are raised: the bench measures the path, not the limiter's refusals.
// Prints its URL (one JSON line) when ready; answers "count" on stdin with the bookings per student.
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { assemble } from '../server/src/compose.js';
import { createAuth } from '../server/src/auth/index.js';
import { catalogOver, createCatalog } from '../server/src/courses/catalog.js';
import { listen } from '../server/src/http/listen.js';
import { createLogger } from '../server/src/logger.js';
import { createSandbox } from '../server/sandbox/sandbox-app.js';
import { connectDatabase, createStores, migrateDatabase } from '../server/src/store/index.js';
import { createPayments } from '../server/src/stripe/index.js';
import { startBenchMessenger } from './bench-messenger.js';

const [mongodbUri, site, jwtKey] = [process.argv[2]!, process.argv[3]!, process.env.BENCH_CLERK_JWT_KEY!];
const dbName = `bench_creates_${process.pid}`;
await migrateDatabase(mongodbUri, dbName);
const database = await connectDatabase(mongodbUri, dbName);
const stores = createStores(database.db);
const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
const sandboxApp = createSandbox({
  publicUrl: 'http://127.0.0.1:9',
  webhook: { url: undefined, secret: webhookSecret },
});
const sandbox = serve({ fetch: sandboxApp.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => sandbox.once('listening', resolve));
const sandboxUrl = `http://127.0.0.1:${(sandbox.address() as { port: number }).port}`;
const payments = createPayments({ secretKey: 'sk_test_bench', webhookSecret, apiUrl: sandboxUrl });
const publicUrl = 'http://127.0.0.1';
const lots = { max: 1_000_000, windowMs: 60_000 };
const load = { running: 0 };
const { app } = assemble({
  load,
  config: { adminApiKey: 'a'.repeat(32), allowedOrigins: [site], publicUrl, widgetTokenSecret: 'w'.repeat(32) },
  stores,
  catalog: catalogOver(stores),
  logger: createLogger('error', {}, () => undefined),
  ping: database.ping,
  loadAsset: async () => undefined,
  auth: createAuth({ publicUrl, allowedOrigins: [site], widgetTokenSecret: 'w'.repeat(32), clerk: { jwtKey } }),
  payments,
  limits: {
    bookings: { create: { perStudent: lots, perAddress: lots }, sync: { perStudent: lots, perAddress: lots } },
  },
});
await stores.courses.upsert(
  'intro-typescript',
  { title: 'Intro to TypeScript', description: '', price: 4900, currency: 'usd', active: true },
  new Date(),
);
await stores.courses.upsert(
  'open-day',
  { title: 'Open Day', description: '', price: 0, currency: 'usd', active: true },
  new Date(),
);
// With BENCH_SMTP_URL, mail and outgoing webhooks on (each free booking is paid at once: its news goes out).
await startBenchMessenger(stores, load);
const server = await listen({
  fetch: app.fetch,
  catalog: createCatalog(stores.courses),
  port: 0,
  host: '127.0.0.1',
  logger: createLogger('silent'),
});
console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));

/** Bookings per student of the given ids (one JSON line of ids in, one of counts out); "sent" answers the messages sent. */
process.stdin.setEncoding('utf8');
let buffered = '';
process.stdin.on('data', (chunk: string) => {
  buffered += chunk;
  const end = buffered.indexOf('\n');
  if (end < 0) return;
  const line = buffered.slice(0, end);
  buffered = buffered.slice(end + 1);
  if (line === 'sent') {
    void database.db
      .collection('outbox')
      .countDocuments({ state: 'sent' })
      .then((sent) => console.log(JSON.stringify({ sent })));
    return;
  }
  const ids = JSON.parse(line) as string[];
  void database.db
    .collection('bookings')
    .aggregate([{ $match: { userId: { $in: ids } } }, { $group: { _id: '$userId', n: { $sum: 1 } } }])
    .toArray()
    .then((rows) => console.log(JSON.stringify(Object.fromEntries(rows.map((r) => [r._id, r.n])))));
});
process.on('SIGTERM', () => {
  sandbox.close();
  server.close(() => void database.db.dropDatabase().finally(() => process.exit(0)));
});
