import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFormBody } from './form-body.js';

describe('the sandbox checkout', () => {
  it('refuses to start with NODE_ENV=production', () => {
    const entry = resolve(import.meta.dirname, 'index.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', entry, '--webhook-secret', 'whsec_x', '--port', '0'], {
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refusing to start with NODE_ENV=production');
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
