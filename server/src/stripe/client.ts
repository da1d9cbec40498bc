import Stripe from 'stripe';

/** Connection settings for Stripe or a Stripe-compatible API (stripe-mock, the sandbox). */
export interface StripeOptions {
  secretKey: string;
  apiUrl?: string | undefined;
}

/** Creates the Stripe SDK client; `apiUrl` points it at another host. Retries network failures twice. */
export function createStripeClient({ secretKey, apiUrl }: StripeOptions): Stripe {
  const target = apiUrl ? new URL(apiUrl) : undefined;
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    appInfo: { name: 'course-booking' },
    ...(target
      ? {
          host: target.hostname,
          port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
          protocol: target.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}
