import { request } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/servers.mjs';
import { limitJsonBody, maxBodyBytes } from './body-limit.js';

/** Sends `body` to the server, with its length declared or in chunks; answers the status and text. */
function send(url: string, body: string, framing: 'declared' | 'chunked') {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${url}/echo`, {
      method: 'POST',
      headers: framing === 'declared' ? { 'content-length': Buffer.byteLength(body) } : {},
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    if (framing === 'chunked') {
      // Several writes: Node frames them as chunks (no length is declared).
      for (let at = 0; at < body.length; at += 4_096) req.write(body.slice(at, at + 4_096));
      req.end();
    } else req.end(body);
  });
}

describe('the body limit, over a real socket', () => {
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const app = new Hono();
    app.post('/echo', limitJsonBody, async (c) => c.text(String((await c.req.text()).length)));
    server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it.each(['declared', 'chunked'] as const)(
    'lets a body up to the limit through whole (%s length)',
    async (framing) => {
      const body = 'x'.repeat(maxBodyBytes);
      expect(await send(url, body, framing)).toEqual({ status: 200, text: String(maxBodyBytes) });
    },
  );

  it.each(['declared', 'chunked'] as const)('refuses a body over the limit with 413 (%s length)', async (framing) => {
    const answer = await send(url, 'x'.repeat(maxBodyBytes + 1), framing);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).error.code).toBe('payload_too_large');
  });
});
