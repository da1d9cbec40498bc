import { Hono, type Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import { parseFormBody, stringAt } from './form-body.js';
import { sandboxHomePage } from './home-page.js';
import { inboxRoutes } from './inbox-page.js';
import { invoicePage } from './invoices.js';
import { embeddedCompletePage, payPage } from './pay-page.js';
import { createSessionBook, StripeStyleError, type SandboxSession } from './sessions.js';
import { webhookEndpointRoutes } from './webhook-endpoints.js';
import { createWebhookSender, type SenderOptions } from './webhook-sender.js';

/** Options of the sandbox. */
export interface SandboxOptions {
  /** Where the pay pages are reached, e.g. http://127.0.0.1:8789. */
  publicUrl: string;
  webhook: SenderOptions;
  /** After "Pay later", settle the payment by itself after this long; 0 leaves it to the operator API. */
  autoSettleMs?: number;
  now?: () => number;
  /** The development mail catcher's HTTP API: `/inbox` shows what it caught. */
  mailApiUrl?: string | undefined;
}

/**
 * A local, Stripe-compatible checkout for development and tests: the Checkout Session API the
 * backend calls through the `stripe` SDK, a pay page, signed webhooks, and an operator API
 * (`/sandbox/...`) for what happens outside Checkout (refunds, disputes, delayed settlements).
 */
export function createSandbox(options: SandboxOptions) {
  const sender = createWebhookSender(options.webhook);
  const book = createSessionBook(sender, options.publicUrl, options.now);
  const idempotent = new Map<string, Promise<unknown>>();
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof StripeStyleError) {
      return c.json({ error: { type: error.type, message: error.message, param: error.param } }, error.status);
    }
    return c.json({ error: { type: 'api_error', message: error.message } }, 500);
  });

  // Faults for tests of Stripe outages: answer 500, or do the work and drop the connection before answering.
  let fault: 'down' | 'lose-response' | null = null;

  // The Stripe API subset.
  app.use('/v1/*', async (c, next) => {
    if (!/^Bearer sk_test_\w+$/.test(c.req.header('authorization') ?? '')) {
      throw new StripeStyleError(401, 'authentication_error', 'Invalid API Key provided.');
    }
    if (fault === 'down') return c.json({ error: { type: 'api_error', message: 'The sandbox is down.' } }, 500);
    await next();
    if (fault === 'lose-response') (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
  });
  /** Equal idempotency keys get the first answer, as Stripe does, also while the first is still running. */
  async function once(key: string | undefined, work: () => unknown) {
    if (!key) return work();
    if (!idempotent.has(key)) idempotent.set(key, Promise.resolve().then(work));
    return idempotent.get(key);
  }
  app.post('/v1/checkout/sessions', async (c) => {
    const params = parseFormBody(await c.req.text());
    return c.json(await once(c.req.header('idempotency-key'), () => book.create(params)));
  });
  app.post('/v1/refunds', async (c) => {
    const form = parseFormBody(await c.req.text());
    const intent = stringAt(form, 'payment_intent') ?? '';
    const amount = stringAt(form, 'amount');
    return c.json(
      await once(c.req.header('idempotency-key'), () =>
        book.refundIntent(intent, amount === undefined ? undefined : Number(amount)),
      ),
    );
  });
  app.get('/v1/checkout/sessions/:id', (c) => c.json(book.retrieve(c.req.param('id'))));
  app.get('/v1/invoices/:id', (c) => c.json(book.retrieveInvoice(c.req.param('id'))));
  app.post('/v1/credit_notes', async (c) => {
    const form = parseFormBody(await c.req.text());
    const amount = Number(stringAt(form, 'amount'));
    const refundAmount = Number(stringAt(form, 'refund_amount'));
    const invoice = stringAt(form, 'invoice') ?? '';
    return c.json(
      await once(c.req.header('idempotency-key'), () =>
        book.creditNote(invoice, amount, refundAmount, stringAt(form, 'reason') ?? null),
      ),
    );
  });
  // Stripe's hosted invoice page, as far as the sandbox shows it.
  app.get('/invoice/:id', (c) => c.html(invoicePage(book.retrieveInvoice(c.req.param('id')))));
  app.route('/', webhookEndpointRoutes(options.webhook.secret));
  app.get('/v1/payment_intents/:id', (c) => c.json(book.retrieveIntent(c.req.param('id'))));
  app.post('/v1/checkout/sessions/:id/expire', (c) => c.json(book.expire(c.req.param('id'))));

  // The pay page.
  app.get('/pay/:id', (c) => c.html(payPage(book.retrieve(c.req.param('id')), book.extras(c.req.param('id')))));
  // Embedded sessions' page, for the widget's dialog: paying moves the whole window on.
  app.get('/embedded/:id', (c) => {
    const id = c.req.param('id');
    return c.html(payPage(book.retrieve(id), book.extras(id), { embedded: true }));
  });
  /** The pay page again, keeping the typed code: applied (the totals after it) or refused. */
  const withCode = (c: Context, id: string, code: string) => {
    const embedded = c.req.query('embedded') === '1';
    try {
      const discount = code.trim() ? book.discount(id, code) : 0;
      return c.html(payPage(book.retrieve(id), book.extras(id), { embedded, code, discount }));
    } catch (error) {
      if (!(error instanceof StripeStyleError) || error.param !== 'promotion_code') throw error;
      return c.html(payPage(book.retrieve(id), book.extras(id), { embedded, code, notice: 'invalidCode' }), 400);
    }
  };
  app.post('/pay/:id/apply', async (c) =>
    withCode(c, c.req.param('id'), stringAt(parseFormBody(await c.req.text()), 'promotion_code') ?? ''),
  );
  app.post('/pay/:id/pay', async (c) => {
    const id = c.req.param('id');
    const code = stringAt(parseFormBody(await c.req.text()), 'promotion_code') ?? '';
    try {
      return redirectAfterPayment(c, book.pay(id, false, code.trim() || undefined));
    } catch (error) {
      if (!(error instanceof StripeStyleError) || error.param !== 'promotion_code') throw error;
      return withCode(c, id, code);
    }
  });
  app.post('/pay/:id/delayed', (c) => {
    const session = book.pay(c.req.param('id'), true);
    if (options.autoSettleMs) {
      setTimeout(() => {
        try {
          book.settle(session.id, 'succeeded');
        } catch {
          // Settled by the operator API meanwhile.
        }
      }, options.autoSettleMs).unref();
    }
    return redirectAfterPayment(c, session);
  });
  app.post('/pay/:id/decline', (c) => {
    const id = c.req.param('id');
    book.decline(id);
    const notice = 'declined';
    return c.html(
      payPage(book.retrieve(id), book.extras(id), { notice, embedded: c.req.query('embedded') === '1' }),
      402,
    );
  });
  app.post('/pay/:id/cancel', (c) => {
    const session = book.retrieve(c.req.param('id'));
    return c.redirect(session.cancel_url ?? session.return_url ?? '/', 303);
  });

  // The operator API: what happens outside Checkout.
  app.post('/sandbox/sessions/:id/settle', async (c) => {
    const { outcome } = await c.req.json<{ outcome: 'succeeded' | 'failed' }>();
    return c.json(book.settle(c.req.param('id'), outcome === 'failed' ? 'failed' : 'succeeded'));
  });
  app.post('/sandbox/sessions/:id/refund', async (c) => {
    const body = await c.req.json<{ amount?: number }>().catch(() => ({}) as { amount?: number });
    return c.json(book.refund(c.req.param('id'), body.amount));
  });
  app.post('/sandbox/sessions/:id/dispute', (c) => c.json(book.dispute(c.req.param('id'), 'needs_response')));
  app.post('/sandbox/sessions/:id/dispute/close', async (c) => {
    const { outcome } = await c.req.json<{ outcome: 'won' | 'lost' }>();
    return c.json(book.dispute(c.req.param('id'), outcome === 'lost' ? 'lost' : 'won'));
  });
  app.post('/sandbox/webhooks', async (c) => {
    const { enabled } = await c.req.json<{ enabled: boolean }>();
    sender.setEnabled(Boolean(enabled));
    return c.json({ enabled: Boolean(enabled) });
  });
  app.post('/sandbox/faults', async (c) => {
    const body = await c.req.json<{ fault: typeof fault }>();
    fault = body.fault === 'down' || body.fault === 'lose-response' ? body.fault : null;
    return c.json({ fault });
  });
  app.get('/sandbox/sessions', (c) => c.json({ sessions: book.list(c.req.query('bookingId')) }));
  const backend = options.webhook.url ? new URL(options.webhook.url).origin : undefined;
  app.get('/', (c) => c.html(sandboxHomePage(backend, options.mailApiUrl !== undefined)));
  if (options.mailApiUrl) app.route('/', inboxRoutes(options.mailApiUrl));
  app.get('/sandbox/events', (c) =>
    c.json({
      events: sender.deliveries.map((d) => ({
        id: d.event.id,
        type: d.event.type,
        delivered: d.delivered,
        attempts: d.attempts,
        object: d.event.data.object,
      })),
    }),
  );
  app.post('/sandbox/events/:id/resend', async (c) => {
    await sender.resend(c.req.param('id'));
    return c.json({ resent: true });
  });

  return app;
}

function redirectAfterPayment(
  c: Context,
  session: Pick<SandboxSession, 'id' | 'success_url' | 'return_url' | 'redirect_on_completion' | 'payment_status'>,
) {
  // Embedded with `if_required`: a card payment completes inside the frame, as Stripe.js calls
  // `onComplete`; the page in the frame tells the widget's dialog.
  if (
    c.req.query('embedded') === '1' &&
    session.redirect_on_completion !== 'always' &&
    session.payment_status === 'paid'
  )
    return c.html(embeddedCompletePage());
  const target = (session.success_url ?? session.return_url ?? '/').replace('{CHECKOUT_SESSION_ID}', session.id);
  return c.redirect(target, 303);
}
