import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../../test/support/server-process.js';

const entry = resolve(import.meta.dirname, 'index.ts');
const adminKey = 'shutdown-test-admin-key-0123456789';

const startServer = () => startServerProcess(`test_shutdown_${randomBytes(5).toString('hex')}`, adminKey);

/** One request on `agent`; `send` writes its body (or not) once the headers are out. */
function call(
  port: number,
  agent: Agent,
  method: string,
  path: string,
  send: (req: ReturnType<typeof request>) => void = (req) => req.end(),
) {
  return new Promise<{ status: number; connection: string | undefined; reused: boolean }>((done) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        agent,
      },
      (res) => {
        res.resume();
        res.once('end', () =>
          done({ status: res.statusCode ?? 0, connection: res.headers.connection, reused: req.reusedSocket }),
        );
      },
    );
    req.on('error', (error) => done({ status: 0, connection: error.message, reused: req.reusedSocket }));
    req.flushHeaders();
    send(req);
  });
}

describe('the server process', () => {
  it('finishes a request in flight on SIGTERM with Connection: close, then exits 0', async () => {
    const { port, server, exited } = await startServer();

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

  it('answers every request whose headers arrived before SIGTERM on keep-alive connections, then exits 0', async () => {
    const { port, server, exited } = await startServer();
    // Keep-alive connections, as a load balancer keeps them: half used once already, half new.
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const warm = await Promise.all(Array.from({ length: 25 }, () => call(port, agent, 'GET', '/api/admin/courses')));
    expect(warm.every((answer) => answer.status === 200)).toBe(true);

    // 40 reads and 10 slow uploads on those connections; SIGTERM 30 ms after their headers went out.
    const answers = Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i < 40
          ? call(port, agent, 'GET', '/api/admin/courses')
          : call(port, agent, 'PUT', `/api/admin/courses/slow-${i}`, (req) => {
              req.write('{"title": "Slow upload", ');
              setTimeout(() => req.end('"price": 100, "currency": "usd"}'), 300);
            }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.kill('SIGTERM');

    const got = await answers;
    expect(got.filter((answer) => answer.status === 0)).toEqual([]);
    expect(got.map((answer) => answer.status).sort()).toEqual([...Array(40).fill(200), ...Array(10).fill(201)]);
    // The uploads were answered after the signal: told not to reuse a closing connection.
    expect(got.slice(40).every((answer) => answer.connection === 'close')).toBe(true);
    expect(await exited).toBe(0);
    agent.destroy();
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
