// The real webhook path (node:http, the Hono app, signature check, schema, the event claim, the
// booking's lock, the state machine, FerretDB) for bench/webhooks.mjs. Seeds `count` pending
// bookings, each with its recorded Checkout Session, then prints its URL, the webhook secret and
// the sessions (one JSON line) when ready. With BENCH_SMTP_URL (and BENCH_RECEIVER_URL), mail and
// outgoing webhooks are on: each booking has an address, an endpoint takes every event, and the
// messenger drains the outbox on its timer as in production.
import { randomBytes } from 'node:crypto';
import { assemble } from '../server/src/compose.js';
import { createAuth } from '../server/src/auth/index.js';
import type { BookingRecord } from '../server/src/bookings/booking.js';
import { listen } from '../server/src/http/listen.js';
import { createLogger } from '../server/src/logger.js';
import { connectDatabase, createStores, migrate } from '../server/src/store/index.js';
import { onEveryClient } from '../server/src/store/database.js';
import { createPayments } from '../server/src/stripe/index.js';
import { startBenchMessenger } from './bench-messenger.js';

const [mongodbUri, countText = '500'] = process.argv.slice(2) as [string, string?];
const count = Number(countText);
// The database commands the app sends, by name, counted from the first event on, and the
// milliseconds they took (from the driver's send to the answer).
const commands: Record<string, number> = {};
const commandMs: Record<string, number> = {};
let counting = false;
onEveryClient((client) => {
  client.on('commandStarted', ({ commandName }) => {
    if (counting) commands[commandName] = (commands[commandName] ?? 0) + 1;
  });
  const took = ({ commandName, duration }: { commandName: string; duration: number }) => {
    if (counting) commandMs[commandName] = (commandMs[commandName] ?? 0) + duration;
  };
  client.on('commandSucceeded', took);
  client.on('commandFailed', took);
});
const database = await connectDatabase(mongodbUri, `bench_webhooks_${process.pid}`);
await migrate(database.db);
const stores = createStores(database.db);
const publicUrl = 'http://127.0.0.1';
const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
// Stripe is never called on this path (a paid completion of our own session); the URL goes nowhere.
const payments = createPayments({ secretKey: 'sk_test_bench', webhookSecret, apiUrl: 'http://127.0.0.1:9' });
const load = { running: 0 };
const { app, catalog } = assemble({
  load,
  config: { adminApiKey: 'a'.repeat(32), allowedOrigins: [], publicUrl, widgetTokenSecret: 'w'.repeat(32) },
  stores,
  logger: createLogger('error', {}, () => undefined),
  ping: database.ping,
  loadAsset: async () => undefined,
  auth: createAuth({ publicUrl, allowedOrigins: [], widgetTokenSecret: 'w'.repeat(32), clerk: {} }),
  payments,
});
await stores.courses.upsert(
  'intro-typescript',
  { title: 'Intro to TypeScript', description: '', price: 4900, currency: 'usd', active: true },
  new Date(),
);

const sessions: Array<{ bookingId: string; sessionId: string }> = [];
const now = new Date();
for (let i = 0; i < count; i += 1) {
  const id = `bk_bench_${i}`;
  const sessionId = `cs_test_bench_${i}_${randomBytes(4).toString('hex')}`;
  const booking: BookingRecord = {
    id,
    userId: `user_bench_${i}`,
    courseId: 'intro-typescript',
    courseTitle: 'Intro to TypeScript',
    paymentStatus: 'pending',
    quantity: 1,
    amount: 4900,
    currency: 'usd',
    stripeSessionId: null,
    stripePaymentIntentId: null,
    attempt: 1,
    siteOrigin: 'http://localhost:8788',
    checkout: { mode: 'redirect', returnUrl: 'http://localhost:8788/', customerEmail: `student${i}@example.test` },
    checkoutExpiresAt: new Date(now.getTime() + 30 * 60_000),
    history: [{ status: 'pending', at: now, eventId: `attempt_${id}_1`, type: 'booking.created' }],
    reconcileAt: new Date(now.getTime() + 2 * 60_000),
    reconcileChecks: 0,
    createdAt: now,
    updatedAt: now,
  };
  await stores.bookings.insert(booking);
  const record = { id: sessionId, bookingId: id, attempt: 1, amount: 4900, currency: 'usd' };
  await stores.bookings.recordSession(record);
  await stores.bookings.attachSession(record);
  sessions.push({ bookingId: id, sessionId });
}

await startBenchMessenger(stores, load);

const server = await listen({ fetch: app.fetch, catalog, port: 0, host: '127.0.0.1', logger: createLogger('silent') });
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
counting = true;
console.log(JSON.stringify({ url, webhookSecret, sessions }));

/** How many of the seeded bookings are paid, and messages sent (asked by the bench at the end, over stdin). */
process.stdin.on('data', () => {
  void Promise.all([
    database.db.collection('bookings').countDocuments({ paymentStatus: 'paid' }),
    database.db.collection('outbox').countDocuments({ state: 'sent' }),
  ]).then(([paid, sent]) => console.log(JSON.stringify({ paid, sent, commands, commandMs })));
});
process.on('SIGTERM', () => server.close(() => void database.db.dropDatabase().finally(() => process.exit(0))));
