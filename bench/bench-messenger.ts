// Mail and outgoing webhooks for the bench servers, on when BENCH_SMTP_URL is set: an endpoint at
// BENCH_RECEIVER_URL takes `booking.paid`, the operator gets a line per paid booking, and the
// messenger drains the outbox on its timer as in production, yielding to running requests.
import type { Load } from '../server/src/http/admission.js';
import { createLogger } from '../server/src/logger.js';
import { createMailer } from '../server/src/outbox/mailer.js';
import { createMessenger } from '../server/src/outbox/messenger.js';
import type { Stores } from '../server/src/store/index.js';

/** Starts the messenger when the environment asks for it; answers whether it did. */
export async function startBenchMessenger(stores: Stores, load: Load): Promise<boolean> {
  const smtpUrl = process.env.BENCH_SMTP_URL;
  if (!smtpUrl) return false;
  const receiver = process.env.BENCH_RECEIVER_URL;
  if (receiver) await stores.webhookEndpoints.create({ url: receiver, events: ['booking.paid'] }, new Date());
  createMessenger({
    stores,
    mailer: createMailer({ smtpUrl, from: 'Bench <bench@example.test>' }),
    operatorName: 'Bench',
    operatorEmail: 'operator@example.test',
    stripeMode: 'test',
    publicOnly: false,
    retryBaseMs: 30_000,
    intervalMs: 2_000,
    logger: createLogger('error', {}, () => undefined),
    load,
  }).start();
  return true;
}
