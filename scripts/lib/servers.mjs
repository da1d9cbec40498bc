// Starting and stopping the local servers the product and its tests run on: FerretDB (MongoDB
// wire protocol over PostgreSQL or SQLite) and stripe-mock, both built by
// scripts/install-test-servers.sh; PostgreSQL from the binaries an npm package ships (postgres.mjs).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { postgresPackage, startPostgres } from './postgres.mjs';

/** Where scripts/install-test-servers.sh puts the Go-built servers. */
export const toolsBin = resolve(import.meta.dirname, '../../.tools/bin');

/**
 * @typedef {object} RunningServer
 * @property {string} url
 * @property {number} port
 * @property {() => Promise<void>} stop
 * @property {number} [pid] the server's process, for tests that pause it
 */

/**
 * A free loopback port below the kernel's ephemeral range (32768 and up on Linux), so that no
 * outgoing connection (a database pool opening while the servers start) can take it between this
 * choice and the listen. Falls back to one the kernel picks. @returns {Promise<number>}
 */
export async function freePort() {
  for (let tries = 0; tries < 50; tries += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  return listenOn(0);
}

/** @param {number} port @returns {Promise<boolean>} */
function canListen(port) {
  return listenOn(port).then(
    () => true,
    () => false,
  );
}

/** Listens on `port` (0: any) and closes again; answers the port. @param {number} port @returns {Promise<number>} */
function listenOn(port) {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Which handler the embedded database runs: FerretDB on PostgreSQL when the shipped PostgreSQL
 * binaries are installed (an optional dependency), else on SQLite. `CB_EMBEDDED_DB=sqlite` or
 * `postgresql` chooses. PostgreSQL lets writes run side by side and looks up equality filters by
 * index; SQLite runs one write at a time and scans every query (see the README's figures).
 * @returns {'postgresql' | 'sqlite'}
 */
export function embeddedHandler() {
  const chosen = process.env.CB_EMBEDDED_DB;
  if (chosen === 'sqlite' || chosen === 'postgresql') return chosen;
  return postgresPackage() ? 'postgresql' : 'sqlite';
}

/**
 * Starts FerretDB, on PostgreSQL or SQLite (`embeddedHandler`). Data goes to `dataDir` (kept) or a
 * temporary folder (removed on stop). `pid` is FerretDB's: pausing it stalls the database.
 * @param {{ dataDir?: string, port?: number, handler?: 'postgresql' | 'sqlite' }} [options]
 * @returns {Promise<RunningServer & { handler: string }>}
 */
export async function startFerretDb({ dataDir, port, handler = embeddedHandler() } = {}) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'cb-ferretdb-')));
  await mkdir(dir, { recursive: true });
  const listen = port ?? (await freePort());
  const postgres =
    handler === 'postgresql'
      ? await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), durable: Boolean(dataDir) })
      : undefined;
  if (postgres)
    await waitForPort(Number(new URL(postgres.url).port), postgres.child).catch((error) => {
      throw new Error(`${error.message}\n${postgres.errors()}`);
    });
  const storage = postgres
    ? ['--handler=postgresql', `--postgresql-url=${postgres.url}`]
    : ['--handler=sqlite', `--sqlite-url=file:${dir}/`];
  const child = spawnTool('ferretdb', [
    ...storage,
    `--listen-addr=127.0.0.1:${listen}`,
    '--state-dir=-',
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=error',
  ]);
  await waitForPort(listen, child);
  return {
    url: `mongodb://127.0.0.1:${listen}/`,
    port: listen,
    pid: child.pid,
    handler,
    stop: async () => {
      await stopProcess(child);
      await postgres?.stop();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts stripe-mock, which validates every request against Stripe's OpenAPI spec. @returns {Promise<RunningServer>} */
export async function startStripeMock() {
  const port = await freePort();
  const httpsPort = await freePort();
  const child = spawnTool('stripe-mock', ['-http-addr', `127.0.0.1:${port}`, '-https-addr', `127.0.0.1:${httpsPort}`]);
  await waitForPort(port, child);
  return { url: `http://127.0.0.1:${port}`, port, stop: () => stopProcess(child) };
}

/**
 * Starts Mailpit, a mail catcher: an SMTP server that keeps every message it receives and serves
 * them over its HTTP API (`/api/v1/messages`). Messages go to `dataDir` (kept) or memory.
 * `smtpPort` and `port` (HTTP) are chosen when not given.
 * @param {{ dataDir?: string, smtpPort?: number, port?: number }} [options]
 * @returns {Promise<RunningServer & { smtpUrl: string, apiUrl: string, smtpPort: number }>}
 */
export async function startMailpit({ dataDir, ...ports } = {}) {
  const smtpPort = ports.smtpPort ?? (await freePort());
  const port = ports.port ?? (await freePort());
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const child = spawnTool('mailpit', [
    '--smtp',
    `127.0.0.1:${smtpPort}`,
    '--listen',
    `127.0.0.1:${port}`,
    '--smtp-auth-accept-any',
    '--smtp-auth-allow-insecure',
    '--max',
    '5000',
    '--quiet',
    ...(dataDir ? ['--database', join(dataDir, 'mailpit.db')] : []),
  ]);
  await waitForPort(smtpPort, child);
  await waitForPort(port, child);
  return {
    url: `http://127.0.0.1:${port}`,
    apiUrl: `http://127.0.0.1:${port}`,
    port,
    smtpPort,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    pid: child.pid,
    stop: () => stopProcess(child),
  };
}

/** @param {string} name @param {string[]} args */
function spawnTool(name, args) {
  const bin = join(toolsBin, name);
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run "npm run tools" (needs Go), or set MONGODB_URI to your own MongoDB.`);
  }
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk) => {
    // A unique index refusing a second claim is how the app decides races (PostgreSQL's 23505, which
    // FerretDB logs as an error): expected, not worth a line.
    const lines = String(chunk)
      .split('\n')
      .filter((line) => line.trim() && !line.includes('"Code":"23505"'));
    if (lines.length) process.stderr.write(lines.map((line) => `[${name}] ${line}\n`).join(''));
  });
  return child;
}

/**
 * Waits until something accepts connections on the port; fails early when the child exits.
 * @param {number} port @param {import('node:child_process').ChildProcess} child
 */
export async function waitForPort(port, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode} before listening`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

/**
 * Waits until the backend at `url` says it is ready (`/readyz` 200: migrations applied, database
 * answering); fails early when the child exits. @param {string} url
 * @param {import('node:child_process').ChildProcess} [child]
 */
export async function waitForReady(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode} before ready`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the backend at ${url} did not become ready within ${timeoutMs} ms`);
}

/** @param {number} port @returns {Promise<boolean>} */
function canConnect(port) {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** Stops a child with SIGTERM, then SIGKILL after 5 s. @param {import('node:child_process').ChildProcess} child */
export async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
