import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { SendResult } from './mailer.js';

/** Addresses no delivery goes to in production: loopback, private, link-local, shared and unspecified ranges. */
const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is one a production delivery refuses (an IPv4 address mapped into IPv6 counts as itself). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * A DNS lookup that refuses internal addresses: used for the connection itself, so the address
 * checked is the address connected to (a name that resolves elsewhere a second time gains nothing).
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    const refused = addresses.find((a) => isInternalAddress(a.address));
    if (refused || addresses.length === 0) {
      const problem = new Error(
        `${hostname} resolves to ${refused?.address ?? 'nothing'}: internal addresses are refused`,
      );
      return callback(Object.assign(problem, { code: 'EREFUSED_INTERNAL' }), '', 4);
    }
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** The `webhook-signature` header: one `v1,…` per secret still valid, by the Standard Webhooks library. */
export function signatureOf(secrets: string[], messageId: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' ');
}

/**
 * Posts one event to an endpoint, signed as Standard Webhooks says (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`). A 2xx is delivered; anything else, a redirect (never followed), a timeout or a
 * refused address is worth another try. With `publicOnly`, an address that resolves to an internal
 * one is refused at connection time.
 */
export function deliverWebhook(
  target: { url: string; secrets: string[]; messageId: string; body: string; at: Date },
  options: { publicOnly: boolean; timeoutMs: number },
): Promise<SendResult> {
  const url = new URL(target.url);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (options.publicOnly && isInternalAddress(literal)) {
    return Promise.resolve({ outcome: 'retry', error: `${literal} is an internal address: refused` });
  }
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'course-booking-webhooks/1',
    'webhook-id': target.messageId,
    'webhook-timestamp': String(Math.floor(target.at.getTime() / 1000)),
    'webhook-signature': signatureOf(target.secrets, target.messageId, target.at, target.body),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': Buffer.byteLength(target.body) },
    timeout: options.timeoutMs,
    ...(options.publicOnly ? { lookup: publicOnlyLookup } : {}),
  };
  return new Promise((resolve) => {
    const request = send(url, requestOptions, (response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      response.on('end', () =>
        resolve(
          status >= 200 && status < 300
            ? { outcome: 'sent', status }
            : { outcome: 'retry', error: `answered ${status}`, status },
        ),
      );
      response.on('error', (error) => resolve({ outcome: 'retry', error: error.message, status }));
    });
    const deadline = setTimeout(
      () => request.destroy(new Error(`no answer in ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on('timeout', () => request.destroy(new Error(`no answer in ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve({ outcome: 'retry', error: error.message }));
    request.on('close', () => clearTimeout(deadline));
    request.end(target.body);
  });
}
