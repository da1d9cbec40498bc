import nodemailer from 'nodemailer';
import type { ComposedMail } from '../messages/compose-mail.js';

/** What one try to send gave: sent, worth another try later, or refused for good. */
export type SendResult =
  | { outcome: 'sent'; status?: number | undefined }
  | { outcome: 'retry' | 'refused'; error: string; status?: number | undefined };

/** Sends composed emails over SMTP. */
export interface Mailer {
  send(mail: ComposedMail & { to: string; messageId: string }): Promise<SendResult>;
  close(): void;
}

/**
 * A mailer over `SMTP_URL` (nodemailer, a small pool of connections). A conversation that fails
 * (no connection, a timeout, a 4xx) is worth another try; a 5xx answer to the message is a refusal
 * for good (an address that does not exist), recorded and shown to the operator.
 */
export function createMailer(options: { smtpUrl: string; from: string; replyTo?: string | undefined }): Mailer {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: 4,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send({ to, messageId, subject, text, html, attachments }) {
      try {
        await transport.sendMail({
          from: options.from,
          ...(options.replyTo ? { replyTo: options.replyTo } : {}),
          to,
          subject,
          text,
          html,
          attachments,
          // The same on every retry: a client that gets a message twice (a crash between the
          // server's "accepted" and our record of it) shows it once.
          messageId: `<${messageId}@course-booking>`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { outcome: 'sent' };
      } catch (error) {
        const { responseCode, message } = error as { responseCode?: number; message?: string };
        const refused = typeof responseCode === 'number' && responseCode >= 500;
        return { outcome: refused ? 'refused' : 'retry', error: message ?? String(error), status: responseCode };
      }
    },
    close: () => transport.close(),
  };
}
