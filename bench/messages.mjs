// `npm run bench` (seventh part): what mail and outgoing webhooks cost the request path. Webhook
// ingest (500 distinct paid completions, 50 at a time, on the embedded database) with mail and
// outgoing webhooks off, then on (every booking has an address; each payment writes a
// confirmation, a line to the operator and a delivery to a local receiver, sent by the messenger
// while the events still arrive: SMTP to a local Mailpit), alternately, twice each, in the same run.
// Budget: the rate with them on ≥ 0.9 × the rate with them off, because nothing is sent on the
// request path.
import { createServer } from 'node:http';
import { startFerretDb, startMailpit } from '../scripts/lib/servers.mjs';
import { ingest } from './webhook-ingest.mjs';

const count = Number(process.env.BENCH_WEBHOOKS ?? 500);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const budget = 0.9;

const external = process.env.BENCH_MONGODB_URI;
const ferret = external ? undefined : await startFerretDb();
const mongodbUri = external ?? ferret.url;
const catcher = await startMailpit();
let delivered = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    delivered += 1;
    res.writeHead(204).end();
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}/hooks`;
const on = { BENCH_SMTP_URL: catcher.smtpUrl, BENCH_RECEIVER_URL: receiverUrl };
try {
  const rates = { off: [], on: [] };
  const meanwhile = [];
  const drained = [];
  for (const variant of ['off', 'on', 'off', 'on']) {
    // Each payment: the student's confirmation, the operator's line, one delivery.
    const messages = variant === 'on' ? count * 3 : 0;
    const run = await ingest({ mongodbUri, count, concurrency, env: variant === 'on' ? on : {}, messages });
    if (run.paid !== count) throw new Error(`${variant}: ${run.paid} of ${count} paid`);
    rates[variant].push(run.rate);
    if (variant === 'on') {
      meanwhile.push(run.sentMeanwhile);
      drained.push(run.drainedSeconds.toFixed(1));
    }
  }
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  const ratio = mean(rates.on) / mean(rates.off);
  const ok = ratio >= budget;
  const shown = (list) => list.map((r) => r.toFixed(0)).join(' and ');
  console.log(
    `messages on the request path: webhook ingest ${shown(rates.off)} events/s with mail and outgoing webhooks off, ${shown(rates.on)} with them on; ratio ${ratio.toFixed(2)}  budget ≥ ${budget}: ${ok ? 'ok' : 'OVER'}. ` +
      `Of ${count * 3} emails and deliveries a run, ${meanwhile.join(' and ')} left while the events arrived, the last ${drained.join(' and ')} s after the last event (${delivered} deliveries received in all)`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  receiver.close();
  await catcher.stop();
  await ferret?.stop();
}
