import { createPublicKey } from 'node:crypto';
import type { Config } from '../config/env.js';
import { fail, ok, warn, type CheckResult } from './check.js';

/** Checks of the configuration alone: addresses, secrets, and the kind of each key. No network. */
export function checkConfig(config: Config): CheckResult[] {
  return [
    checkPublicUrl(config),
    checkAllowedOrigins(config),
    ...checkSecrets(config),
    checkStripeKeys(config),
    ...checkClerk(config),
  ];
}

/** Whether this configuration is for real users: production, or a live Stripe key. */
const strictOf = (config: Config) => config.production || /^(sk|rk)_live_/.test(config.stripe.secretKey ?? '');

function checkPublicUrl(config: Config): CheckResult {
  const title = 'PUBLIC_URL is https';
  if (config.publicUrl.startsWith('https://')) return ok(title, config.publicUrl);
  const fix = 'set PUBLIC_URL to the https origin the backend is reached at, e.g. https://booking.example.com';
  return strictOf(config)
    ? fail(title, `${config.publicUrl}: students' tokens and Stripe's events would travel in clear`, fix)
    : warn(title, `${config.publicUrl} (fine for development)`, fix);
}

function checkAllowedOrigins(config: Config): CheckResult {
  const title = 'ALLOWED_ORIGINS are https';
  const fix = 'list the https origins of the sites that embed the widget, comma-separated';
  if (config.allowedOrigins.length === 0)
    return fail('ALLOWED_ORIGINS', 'empty: no site may embed the widget or book', fix);
  const plain = config.allowedOrigins.filter((o) => !o.startsWith('https://'));
  if (plain.length === 0) return ok(title, config.allowedOrigins.join(', '));
  return strictOf(config)
    ? fail(title, `${plain.join(', ')} ${plain.length === 1 ? 'is' : 'are'} not https`, fix)
    : warn(title, `${plain.join(', ')} (fine for development)`, fix);
}

function checkSecrets(config: Config): CheckResult[] {
  const strong = (name: string, value: string | undefined, min = 32): CheckResult => {
    const fix = `set ${name} to a long random value: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`;
    if (value === undefined) return ok(`${name}`, 'not set (its route is off)');
    if (value.length < min) return fail(`${name} is long enough`, `${value.length} characters; at least ${min}`, fix);
    if (new Set(value).size < 10)
      return fail(`${name} is long enough`, 'too few different characters to be random', fix);
    return ok(`${name} is long enough`, `${value.length} characters`);
  };
  return [
    strong('WIDGET_TOKEN_SECRET', config.widgetTokenSecret),
    strong('ADMIN_API_KEY', config.adminApiKey),
    strong('CRON_SECRET', config.cronSecret),
  ];
}

function checkStripeKeys(config: Config): CheckResult {
  const { secretKey, webhookSecret, apiUrl } = config.stripe;
  const title = 'Stripe keys';
  if (!secretKey) {
    const fix = 'set STRIPE_SECRET_KEY (Stripe Dashboard → Developers → API keys)';
    return config.production ? fail(title, 'no STRIPE_SECRET_KEY', fix) : warn(title, 'none: booking answers 503', fix);
  }
  if (!/^(sk|rk)_(test|live)_/.test(secretKey)) {
    return fail(
      title,
      'STRIPE_SECRET_KEY is not a secret key (sk_… or rk_…)',
      'copy the secret key, not the publishable one',
    );
  }
  if (!webhookSecret?.startsWith('whsec_')) {
    return fail(
      title,
      'STRIPE_WEBHOOK_SECRET is missing or not a signing secret (whsec_…)',
      'run npm run setup:stripe and set the secret it prints',
    );
  }
  const mode = /_live_/.test(secretKey) ? 'live' : 'test';
  const where = apiUrl ? ` against ${apiUrl}` : '';
  if (mode === 'test' && config.production)
    return warn(title, `test mode${where}: no real money moves`, 'set the live keys when you take payments');
  return ok(title, `${mode} mode${where}`);
}

function checkClerk(config: Config): CheckResult[] {
  const { publishableKey, secretKey, jwtKey } = config.clerk;
  const results: CheckResult[] = [];
  if (!publishableKey && !secretKey && !jwtKey) {
    const detail = config.devSignIn ? 'none: development sign-in (by name, no password)' : 'none: nobody can sign in';
    const fix = 'set CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY (or CLERK_JWT_KEY) from Clerk’s Dashboard → API keys';
    return [config.production || !config.devSignIn ? fail('Clerk keys', detail, fix) : warn('Clerk keys', detail, fix)];
  }
  const frontendApi = frontendApiOf(publishableKey);
  results.push(
    frontendApi
      ? ok('CLERK_PUBLISHABLE_KEY', `${publishableKey!.slice(0, 8)}… for ${frontendApi}`)
      : fail(
          'CLERK_PUBLISHABLE_KEY',
          publishableKey
            ? 'not a Clerk publishable key (pk_test_… or pk_live_…)'
            : 'missing: the sign-in page needs it',
          'copy the publishable key from Clerk’s Dashboard → API keys',
        ),
  );
  if (secretKey !== undefined && !/^sk_(test|live)_/.test(secretKey)) {
    results.push(
      fail(
        'CLERK_SECRET_KEY',
        'not a Clerk secret key (sk_test_… or sk_live_…)',
        'copy the secret key from Clerk’s Dashboard → API keys',
      ),
    );
  } else if (secretKey && publishableKey && secretKey.slice(3, 7) !== publishableKey.slice(3, 7)) {
    results.push(
      fail('CLERK_SECRET_KEY', 'one key is test and the other live', 'take both keys from the same Clerk instance'),
    );
  }
  if (jwtKey !== undefined) {
    try {
      const key = createPublicKey(jwtKey.replace(/\\n/g, '\n'));
      results.push(ok('CLERK_JWT_KEY parses', `${key.asymmetricKeyType?.toUpperCase()} public key`));
    } catch (error) {
      results.push(
        fail(
          'CLERK_JWT_KEY parses',
          (error as Error).message,
          'paste the PEM public key from Clerk’s Dashboard → API keys → JWT public key',
        ),
      );
    }
  }
  return results;
}

/** The Frontend API host a publishable key names (`pk_test_<base64 of "host$">`), or undefined. */
function frontendApiOf(key: string | undefined): string | undefined {
  const match = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(key ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[2]!, 'base64').toString('utf8');
  return decoded.endsWith('$') && decoded.length > 1 ? decoded.slice(0, -1) : undefined;
}
