import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './env.js';

const minimal = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017',
  WIDGET_TOKEN_SECRET: 's'.repeat(32),
  ADMIN_API_KEY: 'a'.repeat(24),
};

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig(minimal);
    expect(config.port).toBe(8787);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:8787');
    expect(config.mongodbDb).toBe('course_booking');
    expect(config.allowedOrigins).toEqual([]);
    expect(config.production).toBe(false);
  });

  it('reads ATTENDEE_DATA_DAYS as whole days from 1 to 3650, 90 by default', () => {
    expect(parseConfig(minimal).attendeeDataDays).toBe(90);
    expect(parseConfig({ ...minimal, ATTENDEE_DATA_DAYS: '30' }).attendeeDataDays).toBe(30);
    for (const bad of ['0', '3651', '1.5', 'soon']) {
      expect(() => parseConfig({ ...minimal, ATTENDEE_DATA_DAYS: bad })).toThrow(/ATTENDEE_DATA_DAYS/);
    }
  });

  it('turns Stripe Tax, the terms of service, invoices and tax IDs on in Checkout only when asked', () => {
    expect(parseConfig(minimal).stripe.checkout).toEqual({
      automaticTax: false,
      requireTerms: false,
      invoiceCreation: false,
      taxIdCollection: false,
    });
    const asked = parseConfig({
      ...minimal,
      STRIPE_AUTOMATIC_TAX: '1',
      STRIPE_REQUIRE_TERMS: '1',
      STRIPE_INVOICE_CREATION: '1',
      STRIPE_TAX_ID_COLLECTION: '1',
    });
    expect(asked.stripe.checkout).toEqual({
      automaticTax: true,
      requireTerms: true,
      invoiceCreation: true,
      taxIdCollection: true,
    });
    expect(() => parseConfig({ ...minimal, STRIPE_AUTOMATIC_TAX: 'yes' })).toThrow(ConfigError);
  });

  it('reads ADMIN_USER_IDS as a list of user ids, none by default, and refuses anything else', () => {
    expect(parseConfig(minimal).adminUserIds).toEqual([]);
    expect(parseConfig({ ...minimal, ADMIN_USER_IDS: 'user_2abc, user_3def,' }).adminUserIds).toEqual([
      'user_2abc',
      'user_3def',
    ]);
    expect(() => parseConfig({ ...minimal, ADMIN_USER_IDS: 'user_1;drop' })).toThrow(/ADMIN_USER_IDS/);
  });

  it('reads the mail settings: off without SMTP_URL, an smtp(s) URL and addresses, MAIL_FROM required in production', () => {
    expect(parseConfig(minimal).mail).toMatchObject({ smtpUrl: undefined, operatorEmail: undefined });
    const on = parseConfig({
      ...minimal,
      SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
      MAIL_FROM: 'Pottery Studio <hello@pottery.example>',
      MAIL_REPLY_TO: 'owner@pottery.example',
      OPERATOR_EMAIL: 'owner@pottery.example',
    });
    expect(on.mail).toEqual({
      smtpUrl: 'smtps://user:pass@smtp.example.com:465',
      from: 'Pottery Studio <hello@pottery.example>',
      replyTo: 'owner@pottery.example',
      operatorEmail: 'owner@pottery.example',
    });
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig({ ...minimal, ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ SMTP_URL: 'http://smtp.example.com' })[0]).toMatch(/^SMTP_URL: must be smtp:\/\//);
    expect(problems({ OPERATOR_EMAIL: 'not an address' })[0]).toMatch(/^OPERATOR_EMAIL: must be an address/);
    expect(problems({ NODE_ENV: 'production', SMTP_URL: 'smtp://smtp.example.com:25' })).toContain(
      'MAIL_FROM: required in production when SMTP_URL is set',
    );
  });

  it("reads THEME_COLOR as a hex colour, none by default, and refuses anything else (it goes into the hosted page's CSS)", () => {
    expect(parseConfig(minimal).themeColor).toBeUndefined();
    expect(parseConfig({ ...minimal, THEME_COLOR: '#0F766E' }).themeColor).toBe('#0F766E');
    expect(parseConfig({ ...minimal, THEME_COLOR: '#abc' }).themeColor).toBe('#abc');
    for (const bad of ['teal', '#12345', 'red; } body { display: none', '#0f766e80'])
      expect(() => parseConfig({ ...minimal, THEME_COLOR: bad })).toThrow(/THEME_COLOR: must be a hex colour/);
  });

  it('splits ALLOWED_ORIGINS on commas', () => {
    const config = parseConfig({ ...minimal, ALLOWED_ORIGINS: 'https://a.example, http://localhost:3000' });
    expect(config.allowedOrigins).toEqual(['https://a.example', 'http://localhost:3000']);
  });

  it('lists every problem at once', () => {
    const problems = (() => {
      try {
        parseConfig({ PORT: 'abc', ALLOWED_ORIGINS: 'https://a.example/path', MONGODB_URI: 'postgres://x' });
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
      return '';
    })();
    for (const name of ['PORT', 'ALLOWED_ORIGINS', 'MONGODB_URI', 'WIDGET_TOKEN_SECRET', 'ADMIN_API_KEY']) {
      expect(problems).toContain(name);
    }
  });

  const production = {
    ...minimal,
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://booking.example.com',
    STRIPE_WEBHOOK_SECRET: 'whsec_x',
    CLERK_SECRET_KEY: 'sk_test_clerk',
    CLERK_PUBLISHABLE_KEY: 'pk_test_clerk',
  };

  it('refuses the sandbox key in production, and a mock Stripe with a live key', () => {
    expect(problemsOf({ ...production, STRIPE_SECRET_KEY: 'sk_test_sandbox' })).toContain('sandbox key');
    expect(
      problemsOf({ ...production, STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_API_URL: 'http://127.0.0.1:12111' }),
    ).toContain('STRIPE_API_URL');
  });

  it('lets a test key point at stripe-mock in production (the smoke test)', () => {
    const config = parseConfig({
      ...production,
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
    });
    expect(config.stripe.apiUrl).toBe('http://127.0.0.1:12111');
  });

  it('listens on every interface in production and on loopback elsewhere, unless HOST says otherwise', () => {
    expect(parseConfig({ ...production, STRIPE_SECRET_KEY: 'sk_test_123' }).host).toBe('0.0.0.0');
    expect(parseConfig(minimal).host).toBe('127.0.0.1');
    expect(parseConfig({ ...minimal, HOST: '::' }).host).toBe('::');
  });

  it('requires real Stripe, Clerk and a public URL in production', () => {
    expect(() => parseConfig({ ...minimal, NODE_ENV: 'production' })).toThrow(
      /PUBLIC_URL[\s\S]*STRIPE_SECRET_KEY[\s\S]*CLERK/,
    );
  });

  it('keeps development sign-in off unless DEV_SIGN_IN=1, even without Clerk keys', () => {
    expect(parseConfig(minimal).devSignIn).toBe(false);
    expect(parseConfig({ ...minimal, DEV_SIGN_IN: '1' }).devSignIn).toBe(true);
  });

  it('refuses development sign-in in production', () => {
    expect(() =>
      parseConfig({
        ...minimal,
        NODE_ENV: 'production',
        DEV_SIGN_IN: '1',
        PUBLIC_URL: 'https://booking.example.com',
        STRIPE_SECRET_KEY: 'sk_test_1',
        STRIPE_WEBHOOK_SECRET: 'whsec_x',
        CLERK_SECRET_KEY: 'sk_test_clerk',
        CLERK_PUBLISHABLE_KEY: 'pk_test_clerk',
      }),
    ).toThrow(/DEV_SIGN_IN/);
  });

  for (const key of ['sk_live_abc', 'rk_live_abc']) {
    it(`refuses development sign-in with a live Stripe key (${key.slice(0, 8)}…), whatever NODE_ENV says`, () => {
      const problems = problemsOf({ ...minimal, NODE_ENV: 'development', DEV_SIGN_IN: '1', STRIPE_SECRET_KEY: key });
      expect(problems).toContain('DEV_SIGN_IN');
    });

    it(`refuses to start with a live Stripe key (${key.slice(0, 8)}…) and anything production needs missing`, () => {
      const problems = problemsOf({ ...minimal, STRIPE_SECRET_KEY: key });
      for (const name of ['PUBLIC_URL', 'STRIPE_WEBHOOK_SECRET', 'CLERK_SECRET_KEY', 'CLERK_PUBLISHABLE_KEY']) {
        expect(problems).toContain(name);
      }
    });
  }

  it('starts with a live Stripe key when everything production needs is there', () => {
    const config = parseConfig({
      ...minimal,
      STRIPE_SECRET_KEY: 'sk_live_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      PUBLIC_URL: 'https://booking.example.com',
      CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----',
      CLERK_PUBLISHABLE_KEY: 'pk_live_clerk',
    });
    expect(config.devSignIn).toBe(false);
  });
});

function problemsOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    return (error as ConfigError).problems.join('\n');
  }
  return '';
}
