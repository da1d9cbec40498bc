import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long after its checkout expires a return ticket still works. */
const validityMs = 24 * 3600_000;

/**
 * Return tickets: the widget keeps its token in memory only, so after Stripe sends the student back
 * the page has none. The return URL carries a ticket that lets that page sync and read that one
 * booking, and nothing else. It is derived from the booking's attempt, so retried Stripe requests
 * stay identical.
 */
export function returnTickets(secret: string, now: () => Date = () => new Date()) {
  const sign = (bookingId: string, exp: number) =>
    createHmac('sha256', secret).update(`return-ticket:${bookingId}:${exp}`).digest('base64url').slice(0, 32);
  return {
    issue(bookingId: string, checkoutExpiresAt: Date): string {
      const exp = Math.floor((checkoutExpiresAt.getTime() + validityMs) / 1000);
      return `${exp}.${sign(bookingId, exp)}`;
    },
    verify(bookingId: string, ticket: string): boolean {
      const [expText, signature = ''] = ticket.split('.');
      const exp = Number(expText);
      if (!Number.isInteger(exp) || exp * 1000 <= now().getTime()) return false;
      const expected = Buffer.from(sign(bookingId, exp));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** The return ticket signer's interface. */
export type ReturnTickets = ReturnType<typeof returnTickets>;
