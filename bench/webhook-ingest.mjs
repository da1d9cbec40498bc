// One run of webhook ingest for the benchmarks: bench/webhook-server.ts in a process of its own over
// a database server, then `count` distinct signed `checkout.session.completed` events, `concurrency`
// at a time, each delivered again after a 503 as Stripe would.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { builtServer } from './built.mjs';
import { cpuClock } from './cpu-time.mjs';

/**
 * Runs `work(i)`, `concurrency` at a time, over ranges of i given one `run(from, to)` at a time
 * (so that two sides can take turns); `result()` answers the per-second rate over the time the
 * runs took together, and the p99 in ms.
 */
export function driver(concurrency, work) {
  const latencies = [];
  let seconds = 0;
  let done = 0;
  return {
    async run(from, to) {
      let next = from;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < to; i = next++) {
            const t = performance.now();
            await work(i);
            latencies.push(performance.now() - t);
          }
        }),
      );
      seconds += (performance.now() - started) / 1000;
      done += to - from;
    },
    result() {
      const sorted = [...latencies].sort((a, b) => a - b);
      return { rate: done / seconds, p99: sorted[Math.floor(sorted.length * 0.99)] };
    },
  };
}

/** The range of i that turn `round` of `rounds` covers, of `count` in all: [from, to). */
export const turn = (count, rounds, round) => [
  Math.round((count * round) / rounds),
  Math.round((count * (round + 1)) / rounds),
];

/** Runs `work(i)` for i in 0..n with `concurrency` at a time; answers per-second rate and p99 ms. */
export async function drive(n, concurrency, work) {
  const runs = driver(concurrency, work);
  await runs.run(0, n);
  return runs.result();
}

const sign = (payload, secret) => {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
};

// Deliveries reuse connections, as Stripe's do, through node:http (cheaper than fetch: the load's
// own CPU is taken from the same two cores the app and the database share).
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs a signed webhook; answers its status and body. */
function post(url, payload, signature) {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'stripe-signature': signature,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.end(payload);
  });
}

/**
 * Ingests `count` completions through a fresh webhook server (`env` reaches it: BENCH_SMTP_URL and
 * BENCH_RECEIVER_URL turn its mail and outgoing webhooks on), in `rounds` turns with `between(round)`
 * after each (what it is compared with, so that both meet the machine in the same state). Answers
 * the rate over the turns' time, p99, the 503s by
 * code, how many bookings ended paid, how many messages were sent while the events arrived, and
 * (given `messages`, how many to expect) how long after the last event the last one was sent.
 * @param {{ mongodbUri: string, count: number, concurrency: number, env?: Record<string, string>,
 *   messages?: number, rounds?: number, between?: ((round: number) => Promise<void>) | null }} options
 */
export async function ingest({ mongodbUri, count, concurrency, env = {}, messages = 0, rounds = 1, between = null }) {
  const server = spawn(process.execPath, [...builtServer('webhook-server'), mongodbUri, String(count)], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout });
  const [first] = await once(lines, 'line');
  const { url, webhookSecret, sessions } = JSON.parse(first);
  try {
    let redelivered = 0;
    /** 503s by their code: `booking_busy` would be a lock left behind. */
    const retriedFor = {};
    const clock = cpuClock({ app: server.pid });
    const deliveries = driver(concurrency, async (i) => {
      const { bookingId, sessionId } = sessions[i];
      const event = {
        id: `evt_bench_${i}_${randomBytes(4).toString('hex')}`,
        object: 'event',
        type: 'checkout.session.completed',
        api_version: '2026-10-28.endive',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        data: {
          object: {
            id: sessionId,
            object: 'checkout.session',
            status: 'complete',
            payment_status: 'paid',
            payment_intent: `pi_bench_${i}`,
            amount_subtotal: 4900,
            amount_total: 4900,
            currency: 'usd',
            client_reference_id: bookingId,
            metadata: { bookingId },
          },
        },
      };
      const payload = JSON.stringify(event);
      // A 503 (the booking busy, the database slow) is delivered again, as Stripe would, for up to 2 minutes.
      for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
        const { status, text } = await post(`${url}/api/stripe/webhooks`, payload, sign(payload, webhookSecret));
        if (status === 200) return;
        redelivered += 1;
        const code = /"code":"(\w+)"/.exec(text)?.[1] ?? String(status);
        retriedFor[code] = (retriedFor[code] ?? 0) + 1;
        if (process.env.BENCH_DEBUG) console.error(status, text);
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`event ${i} was never accepted`);
    });
    // In `rounds` turns, `between` running after each with the app's CPU clock paused.
    for (let round = 0; round < rounds; round += 1) {
      await deliveries.run(...turn(count, rounds, round));
      if (between) {
        clock.pause();
        await between(round);
        clock.resume();
      }
    }
    const result = deliveries.result();
    const ask = async () => {
      server.stdin.write('count\n');
      const [answer] = await once(lines, 'line');
      return JSON.parse(answer);
    };
    const cpu = clock.read();
    const { paid, sent: sentMeanwhile, commands, commandMs } = await ask();
    // With `messages`, how long after the last event the messenger has sent them all.
    const ended = performance.now();
    let drainedSeconds = null;
    for (let sent = sentMeanwhile; messages > 0 && drainedSeconds === null;) {
      if (sent >= messages) drainedSeconds = (performance.now() - ended) / 1000;
      else if (performance.now() - ended > 120_000)
        throw new Error(`${sent} of ${messages} messages sent in 2 minutes`);
      else {
        await new Promise((r) => setTimeout(r, 200));
        ({ sent } = await ask());
      }
    }
    return { ...result, redelivered, retriedFor, paid, sentMeanwhile, drainedSeconds, commands, commandMs, cpu };
  } finally {
    server.kill('SIGTERM');
  }
}
