import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long after its checkout expires a return ticket still works. */
const validityMs = 24 * 3600_000;

/** What a return ticket is issued for: one booking's one attempt, on the site it was started from. */
export interface TicketSubject {
  bookingId: string;
  attempt: number;
  siteOrigin: string;
}

/**
 * Return tickets: after Stripe sends the student back, the page may have no token. The return URL
 * carries a ticket that lets that page, on that site only, sync that booking's attempt and learn its
 * status, and nothing else. It is derived from the attempt, so retried Stripe requests stay identical.
 */
export function returnTickets(secret: string, now: () => Date = () => new Date()) {
  const sign = ({ bookingId, attempt, siteOrigin }: TicketSubject, exp: number) =>
    createHmac('sha256', secret)
      .update(`return-ticket:${bookingId}:${attempt}:${siteOrigin}:${exp}`)
      .digest('base64url')
      .slice(0, 32);
  return {
    issue(subject: TicketSubject, checkoutExpiresAt: Date): string {
      const exp = Math.floor((checkoutExpiresAt.getTime() + validityMs) / 1000);
      return `${subject.attempt}.${exp}.${sign(subject, exp)}`;
    },
    /** The attempt a ticket was issued for, when it is genuine, unexpired and shown on its own site; else null. */
    verify(bookingId: string, ticket: string, siteOrigin: string | undefined): number | null {
      const [attemptText, expText, signature = ''] = ticket.split('.');
      const attempt = Number(attemptText);
      const exp = Number(expText);
      if (!siteOrigin || !Number.isInteger(attempt) || !Number.isInteger(exp)) return null;
      if (exp * 1000 <= now().getTime()) return null;
      const expected = Buffer.from(sign({ bookingId, attempt, siteOrigin }, exp));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected) ? attempt : null;
    },
  };
}

/** The return ticket signer's interface. */
export type ReturnTickets = ReturnType<typeof returnTickets>;
