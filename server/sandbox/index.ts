import { serve } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { createSandbox } from './sandbox-app.js';

// The sandbox checkout as a process of its own: `SANDBOX_WEBHOOK_SECRET=… tsx server/sandbox/index.ts --port 8789 --webhook-url …`.
// The secret comes from the environment, never the command line (which `ps` shows to every user).
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8789' },
    host: { type: 'string', default: '127.0.0.1' },
    'public-url': { type: 'string' },
    'webhook-url': { type: 'string' },
    'auto-settle-ms': { type: 'string', default: '5000' },
    'mail-api': { type: 'string' },
  },
});

if (process.env.NODE_ENV === 'production') {
  console.error('sandbox: refusing to start with NODE_ENV=production; no money moves here.');
  process.exit(1);
}
const webhookSecret = process.env.SANDBOX_WEBHOOK_SECRET;
if (!webhookSecret) {
  console.error('sandbox: SANDBOX_WEBHOOK_SECRET is required');
  process.exit(1);
}
const port = Number(values.port);
const publicUrl = values['public-url'] ?? `http://${values.host}:${port}`;
const app = createSandbox({
  publicUrl,
  webhook: { url: values['webhook-url'], secret: webhookSecret, log: (line) => console.log(line) },
  autoSettleMs: Number(values['auto-settle-ms']),
  mailApiUrl: values['mail-api'],
});
const server = serve({ fetch: app.fetch, port, hostname: values.host }, () =>
  console.log(`sandbox: Stripe-compatible checkout at ${publicUrl} (SANDBOX: no money moves)`),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
