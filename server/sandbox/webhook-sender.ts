import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** A Stripe-shaped event the sandbox sends. */
export interface SandboxEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: Record<string, unknown> };
}

/** How an event's delivery went. */
export interface Delivery {
  event: SandboxEvent;
  attempts: number;
  delivered: boolean;
  lastStatus: number | null;
}

/** Options of the webhook sender. */
export interface SenderOptions {
  url: string | undefined;
  secret: string;
  /** Delays between attempts; the number of entries bounds the retries. */
  retryDelaysMs?: number[];
  log?: (line: string) => void;
}

/** The header Stripe signs a delivery with (`t=<timestamp>,v1=<HMAC-SHA256>`), made by Stripe's own SDK. */
export function signPayload(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** Sends signed events to the webhook endpoint in the background, retrying failures like Stripe does (faster). */
export function createWebhookSender({
  url,
  secret,
  retryDelaysMs = [250, 500, 1_000, 2_000, 4_000, 8_000],
  log,
}: SenderOptions) {
  const deliveries: Delivery[] = [];
  let enabled = true;
  const held: Delivery[] = [];

  async function deliver(delivery: Delivery): Promise<void> {
    if (!url) return;
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt += 1) {
      delivery.attempts += 1;
      const payload = JSON.stringify(delivery.event, null, 2);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, secret) },
          body: payload,
        });
        delivery.lastStatus = res.status;
        await res.arrayBuffer();
        if (res.ok) {
          delivery.delivered = true;
          return;
        }
      } catch {
        delivery.lastStatus = null;
      }
      const delay = retryDelaysMs[attempt];
      if (delay === undefined) break;
      await new Promise((r) => setTimeout(r, delay));
    }
    log?.(
      `sandbox: gave up delivering ${delivery.event.type} ${delivery.event.id} (last status ${delivery.lastStatus})`,
    );
  }

  return {
    deliveries,
    /** Builds, records and sends an event. */
    emit(type: string, object: object): SandboxEvent {
      const event: SandboxEvent = {
        id: `evt_sb_${randomBytes(12).toString('hex')}`,
        object: 'event',
        api_version: '2026-10-28.endive',
        created: Math.floor(Date.now() / 1000),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: structuredClone(object) as Record<string, unknown> },
      };
      const delivery: Delivery = { event, attempts: 0, delivered: false, lastStatus: null };
      deliveries.push(delivery);
      if (enabled) void deliver(delivery);
      else held.push(delivery);
      return event;
    },
    /** Holds deliveries (a webhook that never arrives) or sends the held ones. */
    setEnabled(on: boolean): void {
      enabled = on;
      if (on) for (const delivery of held.splice(0)) void deliver(delivery);
    },
    /** Delivers an event again, as Stripe does on retries. */
    resend(eventId: string): Promise<void> | undefined {
      const delivery = deliveries.find((d) => d.event.id === eventId);
      return delivery ? deliver(delivery) : undefined;
    },
  };
}

/** The sender's interface. */
export type WebhookSender = ReturnType<typeof createWebhookSender>;
