import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFormBody } from './form-body.js';
import { createSandbox } from './sandbox-app.js';

describe('the sandbox checkout', () => {
  it('refuses to start with NODE_ENV=production', () => {
    const entry = resolve(import.meta.dirname, 'index.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', entry, '--port', '0'], {
      env: { ...process.env, NODE_ENV: 'production', SANDBOX_WEBHOOK_SECRET: 'whsec_x' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refusing to start with NODE_ENV=production');
  });

  it('answers / with a page that says no money moves, with its links', async () => {
    const sandbox = createSandbox({
      publicUrl: 'http://127.0.0.1:8789',
      webhook: { url: 'http://127.0.0.1:8787/api/stripe/webhooks', secret: 'whsec_x' },
    });
    const res = await sandbox.request('/');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('No money moves here.');
    for (const link of ['http://127.0.0.1:8787/', '/sandbox/events', '/sandbox/sessions'])
      expect(page).toContain(`href="${link}"`);
  });

  it("reads Stripe's bracket form encoding", () => {
    const body =
      'mode=payment&line_items[0][price_data][currency]=usd&line_items[0][quantity]=1&metadata[bookingId]=bk_1';
    expect(parseFormBody(body)).toEqual({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'usd' }, quantity: '1' }],
      metadata: { bookingId: 'bk_1' },
    });
  });
});

describe('the sandbox webhook sender', () => {
  it('signs each delivery and retries until the endpoint answers 2xx', async () => {
    const { createServer } = await import('node:http');
    const { createWebhookSender } = await import('./webhook-sender.js');
    const seen: Array<{ status: number; signature: string | undefined }> = [];
    const server = createServer((req, res) => {
      const status = seen.length < 2 ? 503 : 200;
      seen.push({ status, signature: req.headers['stripe-signature'] as string | undefined });
      req.resume();
      res.writeHead(status).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const sender = createWebhookSender({
      url: `http://127.0.0.1:${port}/`,
      secret: 'whsec_x',
      retryDelaysMs: [20, 20, 20],
    });
    sender.emit('checkout.session.completed', { id: 'cs_1' });
    await expect.poll(() => sender.deliveries[0]!.delivered).toBe(true);
    expect(seen.map((s) => s.status)).toEqual([503, 503, 200]);
    expect(seen.every((s) => /^t=\d+,v1=[0-9a-f]{64}$/.test(s.signature ?? ''))).toBe(true);
    server.close();
  });
});
