import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { errors } from '../errors.js';

/** The allowed origins and the backend's own (its hosted course pages book like any site). */
export function withOwnOrigin(allowedOrigins: string[], publicUrl: string): string[] {
  return [...new Set([...allowedOrigins, new URL(publicUrl).origin])];
}

/**
 * CORS for the allowed origins only (bearer tokens, no cookies), and a refusal of state-changing
 * requests that a browser sends from any other origin. Requests without `Origin` (servers, curl) pass.
 */
export function allowedOriginsOnly(allowedOrigins: string[]): MiddlewareHandler[] {
  const allowed = new Set(allowedOrigins);
  return [
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Return-Ticket'],
      maxAge: 600,
    }),
    async function refuseForeignOrigins(c, next) {
      const origin = c.req.header('origin');
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && origin && !allowed.has(origin)) {
        throw errors.originNotAllowed();
      }
      await next();
    },
  ];
}
