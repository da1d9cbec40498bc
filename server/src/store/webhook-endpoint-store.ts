import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { IndexSpec } from './index-spec.js';
import { guard } from './database.js';

/** A signing secret of an endpoint (`whsec_…`); a rotated-out one is valid until `expiresAt`. */
export interface EndpointSecret {
  value: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/** Where the operator's own systems receive events, and which. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  /** The newest first; every one not expired signs each delivery. */
  secrets: EndpointSecret[];
  createdAt: Date;
  updatedAt: Date;
}

type EndpointDoc = Omit<WebhookEndpoint, 'id'> & { _id: string };

/** The operator's webhook endpoints: a handful, read whole. */
export interface WebhookEndpointStore {
  create(input: { url: string; events: string[] }, at: Date): Promise<WebhookEndpoint>;
  list(): Promise<WebhookEndpoint[]>;
  find(id: string): Promise<WebhookEndpoint | null>;
  update(
    id: string,
    change: Partial<Pick<WebhookEndpoint, 'url' | 'events' | 'enabled'>>,
    at: Date,
  ): Promise<WebhookEndpoint | null>;
  remove(id: string): Promise<boolean>;
  /** A new secret; the ones before it stay valid for `overlapMs` (and expired ones are dropped). */
  rotate(id: string, at: Date, overlapMs: number): Promise<WebhookEndpoint | null>;
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Creates the endpoint store over `webhook_endpoints`. */
export function createWebhookEndpointStore(db: Db): WebhookEndpointStore {
  const endpoints: Collection<EndpointDoc> = db.collection<EndpointDoc>('webhook_endpoints');
  const find = async (id: string) => {
    const doc = await endpoints.findOne({ _id: id });
    return doc ? fromDoc(doc) : null;
  };
  return {
    create: ({ url, events }, at) =>
      guard(async () => {
        const doc: EndpointDoc = {
          _id: `we_${randomBytes(8).toString('hex')}`,
          url,
          events,
          enabled: true,
          secrets: [{ value: newEndpointSecret(), createdAt: at, expiresAt: null }],
          createdAt: at,
          updatedAt: at,
        };
        await endpoints.insertOne(doc);
        return fromDoc(doc);
      }),
    list: () => guard(async () => (await endpoints.find({}).sort({ createdAt: 1 }).limit(100).toArray()).map(fromDoc)),
    find: (id) => guard(() => find(id)),
    update: (id, change, at) =>
      guard(async () => {
        await endpoints.updateOne({ _id: id }, { $set: { ...change, updatedAt: at } });
        return find(id);
      }),
    remove: (id) => guard(async () => (await endpoints.deleteOne({ _id: id })).deletedCount === 1),
    rotate: (id, at, overlapMs) =>
      guard(async () => {
        const endpoint = await find(id);
        if (!endpoint) return null;
        const until = new Date(at.getTime() + overlapMs);
        const kept = endpoint.secrets
          .filter((s) => s.expiresAt === null || s.expiresAt > at)
          .map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < until ? s.expiresAt : until }));
        const secrets = [{ value: newEndpointSecret(), createdAt: at, expiresAt: null }, ...kept];
        await endpoints.updateOne({ _id: id }, { $set: { secrets, updatedAt: at } });
        return find(id);
      }),
  };
}

function fromDoc({ _id, ...rest }: EndpointDoc): WebhookEndpoint {
  return { id: _id, ...rest };
}

/** The endpoints in the order they were added. */
export const webhookEndpointIndexes: IndexSpec[] = [
  { collection: 'webhook_endpoints', name: 'endpoints_oldest', key: { createdAt: 1 } },
];
