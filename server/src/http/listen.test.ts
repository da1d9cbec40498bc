import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createCatalog } from '../courses/catalog.js';
import { createLogger } from '../logger.js';
import { createStores } from '../store/index.js';
import { listen } from './listen.js';

let t: TestApp;
let server: Server;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  server = await listen({
    fetch: t.app.fetch,
    catalog: createCatalog(createStores(t.database.db).courses),
    logger: createLogger('silent'),
    port: 0,
    host: '127.0.0.1',
    timeouts: { requestMs: 2_000, headersMs: 1_000, keepAliveMs: 1_000 },
  });
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await t.close();
});

/** Sends `text` a byte at a time, `gapMs` apart, until the server closes the connection; answers how many bytes went out. */
async function trickle(text: string, gapMs: number): Promise<{ sent: number; answer: string }> {
  const socket: Socket = connect(port, '127.0.0.1');
  let closed = false;
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  socket.on('close', () => (closed = true));
  socket.on('error', () => (closed = true));
  await new Promise((done) => socket.once('connect', done));
  let sent = 0;
  for (const byte of text) {
    if (closed) break;
    socket.write(byte);
    sent += 1;
    await new Promise((r) => setTimeout(r, gapMs));
  }
  socket.destroy();
  return { sent, answer };
}

describe('slow clients', () => {
  it('are cut off when their headers do not arrive in time', async () => {
    const headers = `GET /healthz HTTP/1.1\r\nHost: x\r\n${'X-Slow: a\r\n'.repeat(4)}\r\n`;
    const { sent, answer } = await trickle(headers, 100);
    expect(sent).toBeLessThan(headers.length);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('are cut off when their body does not arrive in time', async () => {
    const body = '{"a":"' + 'x'.repeat(60) + '"}';
    const request = `POST /api/admin/courses/x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { sent } = await trickle(request + body, 100);
    expect(sent).toBeLessThan(request.length + body.length);
  });

  it('do not disturb a client that sends its request at once', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  });
});
