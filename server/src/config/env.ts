import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from '../http/client-address.js';
import type { ConnectionTimeouts } from '../http/listen.js';
import type { CheckoutOptions } from '../stripe/checkout.js';

/** The backend's validated configuration. The only module that reads `process.env`. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** The operator's colour (`THEME_COLOR`): the hosted course page's accent and browser bar; none: the widget's own. */
  themeColor: string | undefined;
  allowedOrigins: string[];
  /** Which proxies to believe about the client's address (`TRUST_PROXY`). */
  trustProxy: TrustProxy;
  mongodbUri: string;
  mongodbDb: string;
  stripe: {
    secretKey: string | undefined;
    webhookSecret: string | undefined;
    publishableKey: string | undefined;
    apiUrl: string | undefined;
    /** Checkout options the operator turns on: Stripe Tax, and consent to the terms of service set in Stripe's Dashboard. */
    checkout: CheckoutOptions;
  };
  clerk: {
    publishableKey: string | undefined;
    secretKey: string | undefined;
    jwtKey: string | undefined;
  };
  widgetTokenSecret: string;
  adminApiKey: string;
  /** Clerk user ids allowed into the operator console (`ADMIN_USER_IDS`); development sign-in ids too. */
  adminUserIds: string[];
  production: boolean;
  /** "Sign in as …" without Clerk: only when `DEV_SIGN_IN=1`, never in production or with a live Stripe key. */
  devSignIn: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** JSON lines (the default, what log collectors read) or short lines for a terminal (`npm start`). */
  logFormat: 'json' | 'pretty';
  /** How often the reconciler settles stuck bookings. */
  reconcileIntervalMs: number;
  /** Days attendees' details (and a waiting student's address, and messages) are kept after the session or purchase. */
  attendeeDataDays: number;
  /** When a webhook event's unfinished claim counts as dead: its process stopped mid-way. */
  webhookClaimTimeoutMs: number;
  /** The bearer secret of `GET /api/cron/reconcile` (serverless hosts). */
  cronSecret: string | undefined;
  /** Outgoing mail (SMTP); `smtpUrl` unset: mail is off. */
  mail: MailConfig;
  /** How often the outbox is drained, and the first wait before a failed send is tried again. */
  /** The messenger: how often it runs, the first retry's wait, and how often it looks for reminders due. */
  outbox: { intervalMs: number; retryBaseMs: number; reminderEveryMs: number };
  /** How long a client may take over a request, its headers, and an idle keep-alive connection. */
  timeouts: ConnectionTimeouts;
}

/** Where mail leaves and who it is from. */
export interface MailConfig {
  smtpUrl: string | undefined;
  /** `Name <address>` or an address: the operator's name is the name. */
  from: string;
  replyTo: string | undefined;
  /** Where a line about each new paid booking goes, if anywhere. */
  operatorEmail: string | undefined;
}

/** Thrown when the environment is invalid; `problems` lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const origin = z.string().refine(isOrigin, 'must be an origin such as https://example.com');

/** `a@b.c`, or `Name <a@b.c>`. */
const mailbox = z
  .string()
  .regex(/^(?:[^<>\r\n]+ <[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address, or "Name <address>"');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: optional,
  PUBLIC_URL: optional.pipe(origin.optional()),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(origin)),
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
      return typeof parsed === 'string' ? null : parsed;
    }),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://'),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a database name')
    .default('course_booking'),
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  STRIPE_PUBLISHABLE_KEY: optional,
  STRIPE_API_URL: optional.pipe(z.url().optional()),
  STRIPE_AUTOMATIC_TAX: z.enum(['0', '1', '']).default('0'),
  STRIPE_REQUIRE_TERMS: z.enum(['0', '1', '']).default('0'),
  STRIPE_INVOICE_CREATION: z.enum(['0', '1', '']).default('0'),
  STRIPE_TAX_ID_COLLECTION: z.enum(['0', '1', '']).default('0'),
  CLERK_PUBLISHABLE_KEY: optional,
  CLERK_SECRET_KEY: optional,
  CLERK_JWT_KEY: optional,
  WIDGET_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  ADMIN_API_KEY: z.string().min(24, 'must be at least 24 characters'),
  ADMIN_USER_IDS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be comma-separated user ids'))),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DEV_SIGN_IN: z.enum(['0', '1', '']).default('0'),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  ATTENDEE_DATA_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  CRON_SECRET: optional.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
  WEBHOOK_CLAIM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(15_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(5_000),
  SMTP_URL: optional.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://host:port or smtps://user:pass@host:port')
      .refine(isUrl, 'must be a URL')
      .optional(),
  ),
  MAIL_FROM: optional.pipe(mailbox.optional()),
  MAIL_REPLY_TO: optional.pipe(mailbox.optional()),
  OPERATOR_EMAIL: optional.pipe(mailbox.optional()),
  THEME_COLOR: optional.pipe(
    z
      .string()
      .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour such as #4f46e5')
      .optional(),
  ),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  OUTBOX_REMINDER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
});

/** Validates an environment and returns the config, or throws a ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const live = isLiveKey(e.STRIPE_SECRET_KEY);
  const devSignIn = e.DEV_SIGN_IN === '1';
  const problems: string[] = [];
  // Production, or real money, needs everything that makes sign-in and payment state trustworthy.
  const strict = production ? 'in production' : live ? 'with a live Stripe key' : undefined;
  if (strict && !e.PUBLIC_URL) problems.push(`PUBLIC_URL: required ${strict}`);
  if (production && !e.STRIPE_SECRET_KEY) problems.push('STRIPE_SECRET_KEY: required in production');
  if (strict && e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
    problems.push(`STRIPE_WEBHOOK_SECRET: required ${strict}`);
  }
  if (strict && !e.CLERK_SECRET_KEY && !e.CLERK_JWT_KEY) {
    problems.push(`CLERK_SECRET_KEY or CLERK_JWT_KEY: required ${strict}`);
  }
  if (strict && !e.CLERK_PUBLISHABLE_KEY) problems.push(`CLERK_PUBLISHABLE_KEY: required ${strict} (the sign-in page)`);
  // A test key may point at stripe-mock in production (a smoke test); a live key never leaves Stripe.
  if (live && e.STRIPE_API_URL) problems.push('STRIPE_API_URL: a mock or sandbox Stripe is refused with a live key');
  if (production && e.STRIPE_SECRET_KEY?.startsWith('sk_test_sandbox')) {
    problems.push('STRIPE_SECRET_KEY: the sandbox key is refused in production');
  }
  if (strict && devSignIn) problems.push(`DEV_SIGN_IN: development sign-in is refused ${strict}`);
  if (production && e.SMTP_URL && !e.MAIL_FROM) problems.push('MAIL_FROM: required in production when SMTP_URL is set');
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) {
    problems.push('HEADERS_TIMEOUT_MS: must not be longer than REQUEST_TIMEOUT_MS');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  // Containers and platforms reach the process from outside: all interfaces in production, loopback elsewhere.
  const host = e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  return {
    port: e.PORT,
    host,
    publicUrl: e.PUBLIC_URL ?? `http://${host}:${e.PORT}`,
    themeColor: e.THEME_COLOR,
    allowedOrigins: e.ALLOWED_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    mongodbUri: e.MONGODB_URI,
    mongodbDb: e.MONGODB_DB,
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      publishableKey: e.STRIPE_PUBLISHABLE_KEY,
      apiUrl: e.STRIPE_API_URL,
      checkout: {
        automaticTax: e.STRIPE_AUTOMATIC_TAX === '1',
        requireTerms: e.STRIPE_REQUIRE_TERMS === '1',
        invoiceCreation: e.STRIPE_INVOICE_CREATION === '1',
        taxIdCollection: e.STRIPE_TAX_ID_COLLECTION === '1',
      },
    },
    clerk: {
      publishableKey: e.CLERK_PUBLISHABLE_KEY,
      secretKey: e.CLERK_SECRET_KEY,
      jwtKey: e.CLERK_JWT_KEY,
    },
    widgetTokenSecret: e.WIDGET_TOKEN_SECRET,
    adminApiKey: e.ADMIN_API_KEY,
    adminUserIds: e.ADMIN_USER_IDS,
    production,
    devSignIn,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
    attendeeDataDays: e.ATTENDEE_DATA_DAYS,
    webhookClaimTimeoutMs: e.WEBHOOK_CLAIM_TIMEOUT_MS,
    cronSecret: e.CRON_SECRET,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? 'Course booking <bookings@localhost>',
      replyTo: e.MAIL_REPLY_TO,
      operatorEmail: e.OPERATOR_EMAIL,
    },
    outbox: {
      intervalMs: e.OUTBOX_INTERVAL_MS,
      retryBaseMs: e.OUTBOX_RETRY_BASE_MS,
      reminderEveryMs: e.OUTBOX_REMINDER_INTERVAL_MS,
    },
    timeouts: {
      requestMs: e.REQUEST_TIMEOUT_MS,
      headersMs: e.HEADERS_TIMEOUT_MS,
      keepAliveMs: e.KEEP_ALIVE_TIMEOUT_MS,
    },
  };
}

/** Reads and validates `process.env`. */
export function readConfig(): Config {
  return parseConfig(process.env);
}

/** A key that moves real money: `sk_live_…` or a restricted `rk_live_…`. */
function isLiveKey(key: string | undefined): boolean {
  return key !== undefined && /^(sk|rk)_live_/.test(key);
}

function isUrl(value: string): boolean {
  return URL.canParse(value);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
