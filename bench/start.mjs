// `npm run bench` (third part): start-to-ready time and idle memory of the compiled server
// (`npm run build`, then what `npm run serve` runs) against a bare node:http server, same machine,
// same run, alternating rounds. Ready means `GET /readyz` answers 200 (the bare server: its first
// 200). Idle RSS is read from /proc a second after ready. No budget in the design: reported as ratios.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { freePort, startFerretDb } from '../scripts/lib/servers.mjs';

const rounds = Number(process.env.BENCH_START_ROUNDS ?? 5);
const compiled = 'dist/node/server/src/index.js';
if (!existsSync(compiled)) {
  console.error(`${compiled} is missing: run npm run build first`);
  process.exit(1);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** Starts a process, polls `url` until it answers 200; answers ms to ready and idle RSS in MB. */
async function measure(args, env, url) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    for (;;) {
      const ok = await fetch(url).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) break;
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1_000));
    return { ms, rss: rssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const ferret = await startFerretDb();
try {
  const app = { ms: [], rss: [] };
  const bare = { ms: [], rss: [] };
  for (let round = 0; round < rounds; round += 1) {
    const port = await freePort();
    const server = await measure(
      [compiled],
      {
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        MONGODB_URI: ferret.url,
        MONGODB_DB: `bench_start_${round}`,
        WIDGET_TOKEN_SECRET: 'w'.repeat(32),
        ADMIN_API_KEY: 'a'.repeat(32),
        STRIPE_SECRET_KEY: 'sk_test_bench',
        STRIPE_WEBHOOK_SECRET: 'whsec_bench',
        CLERK_PUBLISHABLE_KEY: 'pk_test_YmVuY2guY2xlcmsuYWNjb3VudHMuZGV2JA',
        CLERK_SECRET_KEY: 'sk_test_bench',
        LOG_LEVEL: 'error',
      },
      `http://127.0.0.1:${port}/readyz`,
    );
    app.ms.push(server.ms);
    app.rss.push(server.rss);
    const barePort = await freePort();
    const baseline = await measure(
      ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${barePort}, '127.0.0.1')`],
      {},
      `http://127.0.0.1:${barePort}/`,
    );
    bare.ms.push(baseline.ms);
    bare.rss.push(baseline.rss);
  }
  const [ams, bms, arss, brss] = [median(app.ms), median(bare.ms), median(app.rss), median(bare.rss)];
  console.log(
    `start to ready, compiled server vs bare node:http: ${ams.toFixed(0)} ms vs ${bms.toFixed(0)} ms (medians of ${rounds}); ratio ${(ams / bms).toFixed(2)}`,
  );
  console.log(
    `idle RSS, compiled server vs bare node:http: ${arss.toFixed(0)} MB vs ${brss.toFixed(0)} MB; ratio ${(arss / brss).toFixed(2)}`,
  );
} finally {
  await ferret.stop();
}
