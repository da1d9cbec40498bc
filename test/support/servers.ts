import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where scripts/install-test-servers.sh puts the Go-built test servers. */
export const toolsBin = resolve(import.meta.dirname, '../../.tools/bin');

/** A test server process running on a loopback port. */
export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts FerretDB (SQLite backend) with its data in a fresh temporary folder, or in `dataDir`. */
export async function startFerretDb(dataDir?: string): Promise<RunningServer> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'cb-ferretdb-')));
  const port = await freePort();
  const child = spawnTool('ferretdb', [
    '--handler=sqlite',
    `--sqlite-url=file:${dir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    '--state-dir=-',
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=error',
  ]);
  await waitForPort(port, child);
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    port,
    stop: async () => {
      await stopProcess(child);
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts stripe-mock, which validates every request against Stripe's OpenAPI spec. */
export async function startStripeMock(): Promise<RunningServer> {
  const port = await freePort();
  const httpsPort = await freePort();
  const child = spawnTool('stripe-mock', ['-http-addr', `127.0.0.1:${port}`, '-https-addr', `127.0.0.1:${httpsPort}`]);
  await waitForPort(port, child);
  return { url: `http://127.0.0.1:${port}`, port, stop: () => stopProcess(child) };
}

function spawnTool(name: string, args: string[]): ChildProcess {
  const bin = join(toolsBin, name);
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run "npm run tools" (needs Go), or set MONGODB_URI to your own MongoDB.`);
  }
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  return child;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`test server exited with code ${child.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`test server did not listen on port ${port} within ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
