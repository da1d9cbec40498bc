// `npm run bench` (seventh part): what mail and outgoing webhooks cost the request path, with them
// off and then on, alternately, twice each, in the same run, on the embedded database. On: every
// booking has an address, each payment writes the student's confirmation, a line to the operator
// and a delivery to a local receiver, and the messenger sends them (SMTP to a local Mailpit) while
// the requests still arrive.
//  1. Webhook ingest: 500 distinct paid completions, 50 at a time (bench/webhook-server.ts).
//  2. Creates of a free course (each paid at once, so each writes its news): 1,000 from new
//     students, 8 at a time (bench/create-server.ts).
// Budget: each rate with them on ≥ 0.9 × off, because nothing is sent on the request path.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { startFerretDb, startMailpit } from '../scripts/lib/servers.mjs';
import { createClerkKeys, mintSessionToken } from '../test/support/clerk.js';
import { drive, ingest } from './webhook-ingest.mjs';
import { builtServer } from './built.mjs';

const count = Number(process.env.BENCH_WEBHOOKS ?? 500);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const creates = Number(process.env.BENCH_MESSAGE_CREATES ?? 1_000);
const budget = 0.9;
const site = 'http://localhost:8788';

const external = process.env.BENCH_MONGODB_URI;
const ferret = external ? undefined : await startFerretDb();
const mongodbUri = external ?? ferret!.url;
const catcher = await startMailpit();
let delivered = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    delivered += 1;
    res.writeHead(204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
const on = { BENCH_SMTP_URL: catcher.smtpUrl, BENCH_RECEIVER_URL: receiverUrl };
const clerk = createClerkKeys();

/** `creates` free bookings from new students through a fresh create server: the rate, and the messages sent meanwhile. */
async function createRun(env: Record<string, string>) {
  const server = spawn(process.execPath, [...builtServer('create-server'), mongodbUri, site], {
    env: { ...process.env, ...env, BENCH_CLERK_JWT_KEY: clerk.jwtKey },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout! });
  const [first] = (await once(lines, 'line')) as [string];
  const { url } = JSON.parse(first) as { url: string };
  try {
    const run = await drive(creates, 8, async (i: number) => {
      const sub = `user_messages_${i}_${Math.random().toString(36).slice(2)}`;
      const res = await fetch(`${url}/api/bookings/create`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${mintSessionToken(clerk, { sub, azp: site, email: `${sub}@example.test` })}`,
          origin: site,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ courseId: 'open-day', returnUrl: `${site}/` }),
      });
      if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
    });
    server.stdin!.write('sent\n');
    const [answer] = (await once(lines, 'line')) as [string];
    return { rate: run.rate, sent: (JSON.parse(answer) as { sent: number }).sent };
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
}

const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
const shown = (list: number[]) => list.map((r) => r.toFixed(0)).join(' and ');
let failed = false;
try {
  const ingestRates = { off: [] as number[], on: [] as number[] };
  const meanwhile: number[] = [];
  const drained: string[] = [];
  for (const variant of ['off', 'on', 'off', 'on'] as const) {
    const messages = variant === 'on' ? count * 3 : 0; // a confirmation, the operator's line, a delivery
    const run = await ingest({ mongodbUri, count, concurrency, env: variant === 'on' ? on : {}, messages });
    if (run.paid !== count) throw new Error(`${variant}: ${run.paid} of ${count} paid`);
    ingestRates[variant].push(run.rate);
    if (variant === 'on') {
      meanwhile.push(run.sentMeanwhile);
      drained.push((run.drainedSeconds ?? 0).toFixed(1));
    }
  }
  const ingestRatio = mean(ingestRates.on) / mean(ingestRates.off);
  failed ||= ingestRatio < budget;
  console.log(
    `messages, webhook ingest: ${shown(ingestRates.off)} events/s with mail and outgoing webhooks off, ${shown(ingestRates.on)} with them on; ` +
      `ratio ${ingestRatio.toFixed(2)}  budget ≥ ${budget}: ${ingestRatio >= budget ? 'ok' : 'OVER'}. ` +
      `Of ${count * 3} emails and deliveries a run, ${meanwhile.join(' and ')} left while the events arrived, the last ${drained.join(' and ')} s after the last event`,
  );

  const createRates = { off: [] as number[], on: [] as number[] };
  const sentWhileCreating: number[] = [];
  for (const variant of ['off', 'on', 'off', 'on'] as const) {
    const run = await createRun(variant === 'on' ? on : {});
    createRates[variant].push(run.rate);
    if (variant === 'on') sentWhileCreating.push(run.sent);
  }
  const createRatio = mean(createRates.on) / mean(createRates.off);
  failed ||= createRatio < budget;
  console.log(
    `messages, creates of a free course: ${shown(createRates.off)}/s off, ${shown(createRates.on)}/s on ` +
      `(${sentWhileCreating.join(' and ')} of ${creates * 3} messages sent meanwhile); ratio ${createRatio.toFixed(2)}  budget ≥ ${budget}: ${createRatio >= budget ? 'ok' : 'OVER'}` +
      ` (${delivered} deliveries received in all)`,
  );
} finally {
  receiver.close();
  await catcher.stop();
  await ferret?.stop();
}
process.exitCode = failed ? 1 : 0;
