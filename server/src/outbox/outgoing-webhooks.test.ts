import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { returnUrl, startHarness, type Harness } from '../../../test/support/booking-harness.js';
import { poll } from '../../../test/support/poll.js';

// Outgoing webhooks to a receiver on a real socket that verifies each delivery with the Standard
// Webhooks reference library, as an operator's own system would.

/** What the receiver got: each delivery's headers and body, and the answers it gives in turn. */
interface Receiver {
  url: string;
  got: Array<{ headers: IncomingHttpHeaders; body: string }>;
  /** Status codes to answer, in order; 200 once they run out. */
  answers: number[];
  /** Milliseconds to wait before answering, for each next delivery. */
  stallMs: number;
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { got: [], answers: [], stallMs: 0 } as unknown as Receiver;
  receiver.server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      receiver.got.push({ headers: req.headers, body });
      const status = receiver.answers.shift() ?? 200;
      setTimeout(() => {
        res.writeHead(status, status === 307 ? { location: `${receiver.url}/elsewhere` } : {});
        res.end();
      }, receiver.stallMs);
    });
  });
  await new Promise<void>((r) => receiver.server.listen(0, '127.0.0.1', r));
  const address = receiver.server.address() as { port: number };
  receiver.url = `http://127.0.0.1:${address.port}/hooks`;
  return receiver;
}

/** Whether a delivery verifies with a secret (the reference library's own check, timestamp included). */
function verifies(delivery: { headers: IncomingHttpHeaders; body: string }, secret: string): boolean {
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

let h: Harness;
let receiver: Receiver;
beforeAll(async () => {
  h = await startHarness();
  receiver = await startReceiver();
});
afterAll(async () => {
  await h.close();
  await new Promise((r) => receiver.server.close(r));
});

async function addEndpoint(events: string[], url = receiver.url, harness = h) {
  const res = await harness.admin('/webhook-endpoints', { body: { url, events } });
  return res;
}

/** Runs the messenger until the receiver has `count` deliveries. */
async function deliveries(count: number, messenger = h.messenger()) {
  await poll(
    async () => {
      await messenger.runOnce();
      return receiver.got.length >= count ? true : undefined;
    },
    `${count} deliveries`,
    { timeoutMs: 10_000, intervalMs: 50 },
  );
  return receiver.got;
}

describe('outgoing webhooks', () => {
  let endpointId: string;
  let secret: string;

  it('adds an endpoint: its secret answered once, never listed', async () => {
    const added = await addEndpoint(['booking.paid', 'booking.cancelled', 'session.cancelled']);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ url: receiver.url, enabled: true, secret: expect.stringMatching(/^whsec_/) });
    ({ id: endpointId, secret } = added.body);
    const listed = await h.admin('/webhook-endpoints');
    expect(listed.body.endpoints).toEqual([expect.objectContaining({ id: endpointId })]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    const bad = await addEndpoint(['booking.paid', 'booking.lost'], 'ftp://example.com/x');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['url', 'events.1']));
  });

  it('delivers a paid booking signed as Standard Webhooks says, once more after a 500, under one webhook-id', async () => {
    receiver.answers = [500];
    const booked = await h.paidBooking(h.student().token);
    const got = await deliveries(2);
    const [failed, delivered] = got.slice(-2);
    expect(failed!.headers['webhook-id']).toBe(delivered!.headers['webhook-id']);
    expect(verifies(delivered!, secret)).toBe(true);
    expect(verifies({ ...delivered!, body: delivered!.body.replace('paid', 'free') }, secret)).toBe(false);
    const event = JSON.parse(delivered!.body);
    expect(event).toMatchObject({
      type: 'booking.paid',
      timestamp: expect.any(String),
      data: { booking: { id: booked.id, paymentStatus: 'paid', courseId: 'intro-ts', amount: 4900 } },
    });
    const listed = await h.admin(`/webhook-deliveries?endpoint=${endpointId}`);
    expect(listed.body.deliveries[0]).toMatchObject({
      kind: 'booking.paid',
      bookingId: booked.id,
      state: 'sent',
      attempts: 2,
      lastStatus: 200,
      messageId: delivered!.headers['webhook-id'],
    });
    // An event it did not ask for (a refund) is not delivered; the messenger runs on to show it.
    await h.operator(`/sessions/${booked.sessionId}/refund`);
    await h.waitForStatus(booked.id, 'refunded');
    await h.messenger().runOnce();
    expect(receiver.got).toHaveLength(2);
  });

  it('replays a delivery under the same webhook-id', async () => {
    const [sent] = (await h.admin(`/webhook-deliveries?endpoint=${endpointId}&state=sent`)).body.deliveries;
    const replayed = await h.admin(`/webhook-deliveries/${encodeURIComponent(sent.id)}/replay`, { method: 'POST' });
    expect(replayed.status).toBe(202);
    expect(replayed.body.state).toBe('pending');
    const got = await deliveries(3);
    expect(got[2]!.headers['webhook-id']).toBe(sent.messageId);
    expect(verifies(got[2]!, secret)).toBe(true);
    expect((await h.admin('/webhook-deliveries/nothing/replay', { method: 'POST' })).status).toBe(404);
  });

  it('rotates the secret: for a day both verify, then only the new one', async () => {
    const rotated = await h.admin(`/webhook-endpoints/${endpointId}/rotate`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).not.toBe(secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await h.paidBooking(h.student().token);
    const [during] = (await deliveries(4)).slice(-1);
    expect(verifies(during!, secret) && verifies(during!, fresh)).toBe(true);

    // A day and an hour later (the messenger's clock): the old secret signs no more. Verified by
    // hand at the delivery's own time, as the library checks the timestamp against the clock.
    const later = () => new Date(Date.now() + 25 * 3_600_000);
    await h.paidBooking(h.student().token);
    const [after] = (await deliveries(5, h.messenger({ now: later }))).slice(-1);
    const signatures = String(after!.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(1);
    const signedAt = new Date(Number(after!.headers['webhook-timestamp']) * 1000);
    const id = String(after!.headers['webhook-id']);
    expect(new Webhook(fresh).sign(id, signedAt, after!.body)).toBe(signatures[0]);
    expect(new Webhook(secret).sign(id, signedAt, after!.body)).not.toBe(signatures[0]);
    secret = fresh;
  });

  it('tells a cancelled session and its cancelled bookings', async () => {
    const startsAt = new Date(Date.now() + 10 * 86_400_000);
    await h.putSession('intro-ts-live', 'june', { startsAt: startsAt.toISOString() });
    await h.catalog.put('intro-ts-live', {
      title: 'Intro live',
      description: '',
      price: 4900,
      currency: 'usd',
      active: true,
    });
    const res = await h.api('/api/bookings/create', {
      token: h.student().token,
      body: { courseId: 'intro-ts-live', sessionId: 'june', returnUrl, mode: 'redirect' },
    });
    await h.payPage(res.body.booking.stripeSessionId, 'pay');
    await h.waitForStatus(res.body.booking.id, 'paid');
    const before = receiver.got.length;
    await deliveries(before + 1); // booking.paid
    const cancelled = await h.admin('/courses/intro-ts-live/sessions/june/cancel', { method: 'POST' });
    expect(cancelled.status).toBe(200);
    const got = await deliveries(before + 3);
    const types = got.slice(before + 1).map((d) => JSON.parse(d.body));
    expect(types.map((e) => e.type).sort()).toEqual(['booking.cancelled', 'session.cancelled']);
    expect(types.find((e) => e.type === 'session.cancelled').data.session).toMatchObject({
      id: 'june',
      courseId: 'intro-ts-live',
    });
    expect(got.slice(before + 1).every((d) => verifies(d, secret))).toBe(true);
  });

  it('follows no redirect and gives up on no answer within its timeout: both are tried again', async () => {
    await deliveries(receiver.got.length); // nothing left over from before
    receiver.answers = [307];
    const before = receiver.got.length;
    const booked = await h.paidBooking(h.student().token);
    const deliveryOf = async () =>
      (await h.admin(`/webhook-deliveries?endpoint=${endpointId}`)).body.deliveries.find(
        (d: { bookingId: string }) => d.bookingId === booked.id,
      );
    await deliveries(before + 1);
    expect(await deliveryOf()).toMatchObject({ state: 'pending', lastStatus: 307, lastError: 'answered 307' });
    expect(receiver.got.slice(before).map((d) => d.headers['webhook-id'])).toHaveLength(1);

    receiver.stallMs = 3_000; // the harness's messenger waits 2 s
    await deliveries(before + 2);
    receiver.stallMs = 0;
    expect(await deliveryOf()).toMatchObject({ state: 'pending', attempts: 2, lastError: 'no answer in 2000 ms' });
    await deliveries(before + 3);
    expect(await deliveryOf()).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('disables and removes an endpoint', async () => {
    const disabled = await h.admin(`/webhook-endpoints/${endpointId}`, { method: 'PATCH', body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
    const before = receiver.got.length;
    await h.paidBooking(h.student().token);
    await h.messenger().runOnce();
    await h.messenger().runOnce();
    expect(receiver.got).toHaveLength(before);
    expect((await h.admin(`/webhook-endpoints/${endpointId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.admin('/webhook-endpoints')).body.endpoints).toEqual([]);
    expect((await h.admin(`/webhook-endpoints/${endpointId}/rotate`, { method: 'POST' })).status).toBe(404);
  });
});

describe('outgoing webhooks in production', () => {
  it('refuses internal addresses: a literal one when added, a name that resolves to one when delivering', async () => {
    const production = await startHarness({ production: true });
    try {
      const literal = await addEndpoint(['booking.paid'], receiver.url, production);
      expect(literal.status).toBe(400);
      expect(literal.body.error.fields.url).toMatch(/loopback, private or link-local/);
      const named = await addEndpoint(['booking.paid'], receiver.url.replace('127.0.0.1', 'localhost'), production);
      expect(named.status).toBe(201);
      const before = receiver.got.length;
      await production.paidBooking(production.student().token);
      const messenger = production.messenger();
      const delivery = await poll(async () => {
        await messenger.runOnce();
        const [one] = (await production.admin(`/webhook-deliveries?endpoint=${named.body.id}`)).body.deliveries;
        return one?.attempts > 0 ? one : undefined;
      }, 'a delivery tried');
      expect(delivery).toMatchObject({
        state: 'pending',
        lastError: expect.stringMatching(/internal addresses are refused/),
      });
      expect(receiver.got).toHaveLength(before);
    } finally {
      await production.close();
    }
  });
});
