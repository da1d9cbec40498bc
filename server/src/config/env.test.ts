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

  it('refuses the sandbox or stripe-mock in production', () => {
    expect(() =>
      parseConfig({
        ...minimal,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://booking.example.com',
        STRIPE_SECRET_KEY: 'sk_test_sandbox',
        STRIPE_WEBHOOK_SECRET: 'whsec_x',
        STRIPE_API_URL: 'http://127.0.0.1:8789',
        CLERK_SECRET_KEY: 'sk_test_clerk',
      }),
    ).toThrow(/STRIPE_API_URL[\s\S]*sandbox key/);
  });

  it('requires real Stripe, Clerk and a public URL in production', () => {
    expect(() => parseConfig({ ...minimal, NODE_ENV: 'production' })).toThrow(
      /PUBLIC_URL[\s\S]*STRIPE_SECRET_KEY[\s\S]*CLERK/,
    );
  });
});
