import { AppError } from '../errors.js';

/** Checks that a return URL is http(s) on an allowed origin (no open redirects) and returns it parsed. */
export function checkReturnUrl(returnUrl: string, allowedOrigins: string[]): URL {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    throw new AppError(400, 'invalid_request', 'returnUrl must be an absolute URL.', {
      fields: { returnUrl: 'must be an absolute URL' },
    });
  }
  if (!/^https?:$/.test(url.protocol) || !allowedOrigins.includes(url.origin) || url.username || url.password) {
    throw new AppError(400, 'return_url_not_allowed', 'returnUrl must be on a site allowed to embed the widget.');
  }
  return url;
}

/** The URL Stripe sends the student back to, carrying the booking, the outcome and a return ticket. */
export function resultUrl(returnUrl: string, bookingId: string, result: 'success' | 'cancel', ticket: string): string {
  const url = new URL(returnUrl);
  for (const name of ['cb_booking', 'cb_result', 'cb_ticket']) url.searchParams.delete(name);
  url.searchParams.set('cb_booking', bookingId);
  url.searchParams.set('cb_result', result);
  url.searchParams.set('cb_ticket', ticket);
  return url.toString();
}
