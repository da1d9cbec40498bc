// `npm run bench`: GET /api/courses/:id (a self-paced course, and one on 5 dates), GET /api/courses and the hosted course page GET /c/:id (its throughput, and its time to first byte one request at a time) through the real app against a bare
// node:http server returning the same JSON, with the same load tool (autocannon) in the same run,
// alternating rounds. Reports each throughput ratio against the design's budget (at least 0.75).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { Agent, get } from 'node:http';
import { once } from 'node:events';
import { startFerretDb } from '../scripts/lib/servers.mjs';
import { builtServer } from './built.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const budget = 0.75;

async function startServer(args, env = {}) {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const [chunk] = await once(child.stdout, 'data');
  return { url: chunk.toString().trim(), stop: () => child.kill('SIGTERM') };
}

/**
 * Time to first byte, one request at a time on one keep-alive connection each, alternating between
 * the two servers in rounds: the median of each, in ms (from the request's start to its headers).
 */
async function firstByte(urls, path, count = 2_000) {
  const agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const times = urls.map(() => []);
  const one = (url, agent) =>
    new Promise((done, fail) => {
      const started = performance.now();
      get(`${url}${path}`, { agent }, (res) => {
        const ms = performance.now() - started;
        res.resume().on('end', () => done(ms));
      }).on('error', fail);
    });
  for (let round = 0; round < count / 100; round += 1)
    for (const [i, url] of urls.entries()) for (let n = 0; n < 100; n += 1) times[i].push(await one(url, agents[i]));
  agents.forEach((agent) => agent.destroy());
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

function load(url, path) {
  return new Promise((done, fail) => {
    autocannon({ url: `${url}${path}`, connections: 50, pipelining: 1, duration: seconds }, (error, result) =>
      error ? fail(error) : done(result),
    );
  });
}

const ferret = await startFerretDb();
const app = await startServer([...builtServer('app-server'), ferret.url, process.env.BENCH_LOG_LEVEL ?? 'info']);
const paths = [
  ['/api/courses/intro-typescript', 'GET /api/courses/:id'],
  ['/api/courses/pottery-weekend', 'GET /api/courses/:id, 5 dates'],
  ['/api/courses', 'GET /api/courses'],
  ['/c/intro-typescript', 'GET /c/:id (the hosted page)'],
  ['/c/pottery-weekend', 'GET /c/:id (the hosted page), 5 dates'],
];
// BENCH_ONLY=/c runs the paths that start with it.
const only = process.env.BENCH_ONLY;
if (only) paths.splice(0, paths.length, ...paths.filter(([path]) => path.startsWith(only)));
// The bare server answers byte for byte what the app answers.
const bodies = {};
for (const [path] of paths) bodies[path] = await (await fetch(`${app.url}${path}`)).text();
const bare = await startServer(['bench/bare-server.mjs'], { BENCH_BODIES: JSON.stringify(bodies) });
try {
  let within = true;
  for (const [path, name] of paths) {
    await load(app.url, path); // warm up both (JIT, the catalog's cache)
    await load(bare.url, path);
    const totals = { app: 0, bare: 0 };
    for (let round = 1; round <= rounds; round += 1) {
      const a = await load(app.url, path);
      const b = await load(bare.url, path);
      if (a.non2xx || a.errors || b.non2xx || b.errors) throw new Error('the load run saw errors or non-2xx answers');
      totals.app += a.requests.average;
      totals.bare += b.requests.average;
      console.log(
        `${name} round ${round}: app ${a.requests.average.toFixed(0)} req/s, bare node:http ${b.requests.average.toFixed(0)} req/s`,
      );
    }
    const ratio = totals.app / totals.bare;
    if (!path.startsWith('/c/')) {
      within &&= ratio >= budget;
      console.log(
        `${name} throughput ratio app/bare: ${ratio.toFixed(2)} (${ratio >= budget ? 'within' : 'BELOW'} the budget of ${budget})`,
      );
      continue;
    }
    // The hosted page's budget is its time to first byte (issue 25); its throughput is shown beside it.
    const [appMs, bareMs] = await firstByte([app.url, bare.url], path);
    const speed = bareMs / appMs;
    within &&= speed >= budget;
    console.log(
      `${name} throughput ratio app/bare: ${ratio.toFixed(2)}; time to first byte: app ${appMs.toFixed(3)} ms, bare node:http ${bareMs.toFixed(3)} ms (medians of 2,000 each), bare/app ${speed.toFixed(2)} (${speed >= budget ? 'within' : 'BELOW'} the budget of ${budget})`,
    );
  }
  process.exitCode = within ? 0 : 1;
} finally {
  app.stop();
  bare.stop();
  await ferret.stop();
}
