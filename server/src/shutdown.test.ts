import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freePort, waitForPort } from '../../scripts/lib/servers.mjs';

const entry = resolve(import.meta.dirname, 'index.ts');
const adminKey = 'shutdown-test-admin-key-0123456789';

describe('the server process', () => {
  it('finishes a request in flight on SIGTERM with Connection: close, then exits 0', async () => {
    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', entry], {
      env: {
        ...process.env,
        PORT: String(port),
        MONGODB_URI: inject('mongodbUri'),
        MONGODB_DB: `test_shutdown_${port}`,
        WIDGET_TOKEN_SECRET: 'w'.repeat(32),
        ADMIN_API_KEY: adminKey,
        STRIPE_SECRET_KEY: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((done) => server.once('exit', done));
    await waitForPort(port, server);

    // A write whose body is still arriving when the signal comes.
    const answer = new Promise<{ status: number; connection: string | undefined }>((done, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'PUT',
          path: '/api/admin/courses/in-flight',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
          agent: new Agent({ keepAlive: true }),
        },
        (res) => {
          res.resume();
          done({ status: res.statusCode ?? 0, connection: res.headers.connection });
        },
      );
      req.on('error', fail);
      req.write('{"title": "In flight", ');
      setTimeout(() => {
        server.kill('SIGTERM');
        setTimeout(() => req.end('"price": 100, "currency": "usd"}'), 300);
      }, 100);
    });

    // Finished, and told not to reuse a connection that is about to close.
    expect(await answer).toEqual({ status: 201, connection: 'close' });
    expect(await exited).toBe(0);
  }, 30_000);

  it('exits 1 listing every bad variable', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', entry], {
      env: { PATH: process.env.PATH, PORT: 'not-a-port', MONGODB_URI: 'postgres://nope' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    run.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((done) => run.once('exit', done))).toBe(1);
    for (const name of ['PORT', 'MONGODB_URI', 'WIDGET_TOKEN_SECRET', 'ADMIN_API_KEY']) expect(stderr).toContain(name);
  }, 30_000);
});
