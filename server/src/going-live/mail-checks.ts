import nodemailer from 'nodemailer';
import type { Config } from '../config/env.js';
import { fail, ok, warn, type CheckResult } from './check.js';

/** Where mail goes, without its password. */
function smtpHost(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

/**
 * Mail: off without `SMTP_URL` (a warning: students get no confirmations or reminders); with it, an
 * SMTP conversation up to the greeting and, where the server asks for them, the credentials.
 */
export async function checkMail(config: Config): Promise<CheckResult[]> {
  const { smtpUrl, from, operatorEmail } = config.mail;
  const title = 'Mail (SMTP_URL)';
  if (!smtpUrl) {
    return [
      warn(
        title,
        'off: no booking confirmations, reminders or refund emails are sent',
        'set SMTP_URL (smtps://user:pass@smtp.example.com:465) and MAIL_FROM ("Your name <bookings@example.com>")',
      ),
    ];
  }
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 5_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  try {
    await transport.verify();
    const line = operatorEmail ? `; a line per paid booking to ${operatorEmail}` : '';
    return [ok(title, `${smtpHost(smtpUrl)} answers; mail from ${from}${line}`)];
  } catch (error) {
    return [
      fail(
        title,
        `${smtpHost(smtpUrl)}: ${(error as Error).message}`,
        'check SMTP_URL (host, port, smtp:// or smtps://, user and password); mail waits in the outbox meanwhile',
      ),
    ];
  } finally {
    transport.close();
  }
}
