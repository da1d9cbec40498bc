import { randomBytes } from 'node:crypto';
import { withLock } from '../bookings/booking-lock.js';
import type { Logger } from '../logger.js';
import { composeMail, type MailFacts } from '../messages/compose-mail.js';
import type { MailKind } from '../messages/mail-words.js';
import { whileHolding, type OutboxItem, type Stores, type WebhookEndpoint } from '../store/index.js';
import type { Load } from '../http/admission.js';
import type { Mailer, SendResult } from './mailer.js';
import { bookingItems, mailFacts, mailItem } from './relay.js';
import type { CancellationPolicy } from '../../../common/contract.js';
import { deliverWebhook } from './webhook-delivery.js';

/** What the messenger runs on. */
export interface MessengerDeps {
  stores: Pick<
    Stores,
    'bookings' | 'sessions' | 'courses' | 'outbox' | 'webhookEndpoints' | 'leases' | 'locks' | 'jobs'
  >;
  /** Null: mail is off (no `SMTP_URL`); no mail is written to the outbox. */
  mailer: Mailer | null;
  /** Whose name the emails are signed with. */
  operatorName: string;
  operatorEmail: string | undefined;
  stripeMode: 'test' | 'live';
  /** Production: deliveries to internal addresses are refused. */
  publicOnly: boolean;
  /** The wait before the first retry; each next one waits twice as long. */
  retryBaseMs: number;
  intervalMs: number;
  /** How often to look for reminders due (default a minute; 0: every run). */
  reminderEveryMs?: number;
  logger: Logger;
  now?: () => Date;
  webhookTimeoutMs?: number;
  /** The requests this instance is running: while there are any, one message at a time. */
  load?: Load | undefined;
}

/** What one run did. */
export interface MessengerReport {
  ran: boolean;
  /** Bookings whose news went into the outbox. */
  relayed: number;
  reminders: number;
  sent: number;
  retried: number;
  failed: number;
}

/** Messages are given up on this long after they were written (a webhook endpoint down for three days). */
const giveUpAfterMs = 3 * 24 * 3600_000;
/** The longest wait between two tries. */
const maxRetryDelayMs = 6 * 3600_000;
/** Reminders are looked for this far ahead (the longest `reminderHours`). */
const reminderHorizonMs = 7 * 24 * 3600_000;
/** Bookings relayed, and messages sent, in one round. */
const batch = 200;
/**
 * Sends at once per lane (emails, webhooks) while the instance serves no request: a slow endpoint
 * (up to its 10 s timeout) does not hold the others up. While requests run, one at a time per lane:
 * messages never slow the request path down.
 */
const concurrency = 8;

/**
 * Drains the outbox, off every request's path, one runner at a time across instances (a lease):
 * writes the news of bookings that moved (the `toAnnounce` mark set in the same write as the move)
 * and the reminders that are due, each under its unique key, then sends what is due, retrying with
 * backoff. A message written twice is written once; one sent is marked sent before the next run
 * looks (a crash in between sends it again, under the same Message-ID or `webhook-id`).
 */
export function createMessenger(deps: MessengerDeps) {
  const { stores, mailer, logger, intervalMs } = deps;
  const now = deps.now ?? (() => new Date());
  const owner = `messenger_${randomBytes(6).toString('hex')}`;
  // Renewed every third of it while a run goes on; after a crash another instance takes over within it.
  const leaseMs = Math.max(15_000, intervalMs * 3);
  // Reminders are looked for at most this often (a sweep reads every session of the coming week).
  const reminderEveryMs = deps.reminderEveryMs ?? 60_000;
  let sweptAt = -Infinity;

  /** Writes the news of up to a batch of bookings to the outbox: how many were listed, and how many are done. */
  async function relay(at: Date, endpoints: WebhookEndpoint[]): Promise<{ listed: number; relayed: number }> {
    const recipients = {
      mailOn: mailer !== null,
      operatorEmail: deps.operatorEmail,
      endpoints,
      stripeMode: deps.stripeMode,
    };
    let relayed = 0;
    const listed = await stores.bookings.listToAnnounce(batch);
    // Each course's policy (for the confirmations), read once a round.
    const policies = new Map<string, Promise<CancellationPolicy | null>>();
    const policyOf = (courseId: string) => {
      if (!mailer) return null;
      let policy = policies.get(courseId);
      if (!policy) {
        policy = stores.courses.find(courseId).then((course) => course?.cancellationPolicy ?? null);
        policies.set(courseId, policy);
      }
      return policy;
    };
    await inParallel(
      listed,
      async (booking) => {
        const session = booking.sessionId ? await stores.sessions.find(booking.courseId, booking.sessionId) : null;
        const policy = await policyOf(booking.courseId);
        await stores.outbox.add(bookingItems(booking, session, recipients, at, policy));
        // Under the booking's lock: a move written meanwhile keeps its mark (the next run announces it).
        const marked = await withLock(stores.locks, `booking:${booking.id}`, now, { ttlMs: 10_000, tries: 10 }, () =>
          stores.bookings.markAnnounced(booking.id, booking.history.length),
        ).catch(() => false);
        if (marked) relayed += 1;
      },
      deps.load,
    );
    return { listed: listed.length, relayed };
  }

  /** Writes the reminders of sessions whose reminder time has come, once per session start. */
  async function queueReminders(at: Date): Promise<number> {
    if (!mailer) return 0;
    let queued = 0;
    const upcoming = await stores.sessions.startingBetween(at, new Date(at.getTime() + reminderHorizonMs), 1_000);
    for (const session of upcoming) {
      if (session.cancelled || session.remindedFor?.getTime() === session.startsAt.getTime()) continue;
      const hours = (await stores.courses.find(session.courseId))?.reminderHours ?? 24;
      const moment = new Date(session.startsAt.getTime() - hours * 3600_000);
      if (hours > 0 && at < moment) continue;
      const items: OutboxItem[] = [];
      for await (const booking of stores.bookings.ofCourse(session.courseId, ['paid'], session.sessionId)) {
        const paidAt = booking.history.findLast((h) => h.status === 'paid')?.at;
        const email = booking.checkout.customerEmail;
        // Booked after the reminder's moment: the confirmation just said it all.
        if (hours === 0 || !email || !paidAt || paidAt >= moment) continue;
        const id = `${booking.id}:reminder:${session.sessionId}@${session.startsAt.toISOString()}:mail`;
        items.push(mailItem(id, 'reminder', booking.id, email, mailFacts(booking, session, 'reminder'), at));
      }
      queued += await stores.outbox.add(items);
      await stores.sessions.markReminded(session.courseId, session.sessionId, session.startsAt);
    }
    return queued;
  }

  async function sendOne(item: OutboxItem, endpoints: Map<string, WebhookEndpoint>): Promise<SendResult> {
    if (item.erasedAt) return { outcome: 'refused', error: 'its personal data was erased' };
    if (item.channel === 'mail') {
      if (!mailer) return { outcome: 'refused', error: 'mail is off (no SMTP_URL)' };
      const mail = composeMail(item.kind as MailKind, item.payload as unknown as MailFacts, deps.operatorName);
      return mailer.send({ ...mail, to: item.to, messageId: item.messageId });
    }
    const endpoint = item.endpointId ? endpoints.get(item.endpointId) : undefined;
    if (!endpoint) return { outcome: 'refused', error: 'the endpoint was removed' };
    if (!endpoint.enabled) return { outcome: 'refused', error: 'the endpoint is disabled' };
    const at = now();
    const secrets = endpoint.secrets.filter((s) => !s.expiresAt || s.expiresAt > at).map((s) => s.value);
    return deliverWebhook(
      { url: endpoint.url, secrets, messageId: item.messageId, body: JSON.stringify(item.payload), at },
      { publicOnly: deps.publicOnly, timeoutMs: deps.webhookTimeoutMs ?? 10_000 },
    );
  }

  /** Sends one item it can claim; records sent, a retry after a growing wait, or given up. */
  async function sendItem(item: OutboxItem, endpoints: Map<string, WebhookEndpoint>, report: MessengerReport) {
    const started = now();
    if (!(await stores.outbox.startSending(item, started))) return;
    const result = await sendOne(item, endpoints).catch((error: Error): SendResult => ({
      outcome: 'retry',
      error: error.message,
    }));
    const ended = now();
    if (result.outcome === 'sent') {
      report.sent += 1;
      await stores.outbox.finish(item.id, ended, { state: 'sent', status: result.status ?? null });
      return;
    }
    const waitMs = Math.min(maxRetryDelayMs, deps.retryBaseMs * 2 ** item.attempts);
    const retryAt = new Date(ended.getTime() + waitMs);
    const giveUp = result.outcome === 'refused' || retryAt.getTime() - item.createdAt.getTime() > giveUpAfterMs;
    report[giveUp ? 'failed' : 'retried'] += 1;
    if (giveUp) logger.warn('message given up', { id: item.id, error: result.error });
    await stores.outbox.finish(item.id, ended, {
      state: giveUp ? 'failed' : 'pending',
      ...(giveUp ? {} : { retryAt }),
      error: result.error,
      status: result.status ?? null,
    });
  }

  /**
   * Sends what is due, several at once, emails and webhooks in lanes of their own: a slow endpoint
   * (up to its timeout) never holds an email up, even while requests keep one worker per lane. The
   * messages of one booking to one recipient (its mail, or one endpoint) leave in the order they
   * were written (confirmed before refunded), one at a time.
   */
  async function sendDue(at: Date, endpoints: WebhookEndpoint[], report: MessengerReport): Promise<number> {
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    const lines = new Map<string, OutboxItem[]>();
    const due = await stores.outbox.due(at, batch);
    for (const item of due) {
      const line = `${item.bookingId ?? item.id}|${item.endpointId ?? item.to}`;
      lines.set(line, [...(lines.get(line) ?? []), item]);
    }
    const lanes: Record<OutboxItem['channel'], OutboxItem[][]> = { mail: [], webhook: [] };
    for (const line of lines.values()) lanes[line[0]!.channel].push(line);
    const send = async (line: OutboxItem[]) => {
      for (const item of line) await sendItem(item, byId, report);
    };
    await Promise.all([inParallel(lanes.mail, send, deps.load), inParallel(lanes.webhook, send, deps.load)]);
    return due.length;
  }

  /**
   * One run, unless this instance is running already (its lease is its own: a second run beside it
   * would send the same messages; across instances the lease keeps to one, and an item's conditional
   * move to `sending` is not a claim on a server whose updates are not atomic, FerretDB 1.x).
   */
  let running: Promise<MessengerReport> | null = null;
  function runOnce(): Promise<MessengerReport> {
    running ??= run().finally(() => (running = null));
    return running;
  }

  async function run(): Promise<MessengerReport> {
    const report: MessengerReport = { ran: false, relayed: 0, reminders: 0, sent: 0, retried: 0, failed: 0 };
    const at = now();
    if (!(await stores.leases.acquire('messenger', owner, at, leaseMs))) return report;
    const lease = {
      renew: () => stores.leases.acquire('messenger', owner, now(), leaseMs),
      release: () => stores.leases.release('messenger', owner),
      lifetimeMs: leaseMs,
    };
    await whileHolding(lease, async () => {
      report.ran = true;
      const endpoints = await stores.webhookEndpoints.list();
      if (at.getTime() - sweptAt >= reminderEveryMs) {
        report.reminders = await queueReminders(at);
        sweptAt = at.getTime();
      }
      // Round after round while there is more than a batch to do (a burst of payments), up to a
      // few intervals' worth, then the timer's next run goes on.
      for (let round = 0, full = true; full && round < 20; round += 1) {
        const { listed, relayed } = await relay(now(), endpoints);
        const due = await sendDue(now(), endpoints, report);
        report.relayed += relayed;
        full = listed >= batch || due >= batch;
      }
    });
    if (report.relayed + report.reminders + report.sent + report.retried + report.failed > 0) {
      logger.info('messages', { ...report });
      const durationMs = now().getTime() - at.getTime();
      await stores.jobs.recordRun('messenger', {
        at,
        durationMs,
        checked: report.relayed + report.reminders,
        repaired: report.sent,
        failed: report.failed,
      });
    }
    return report;
  }

  return {
    runOnce,
    /** Runs every `intervalMs` until the returned function is called. */
    start(): () => void {
      // A run still going when the next is due is joined, not doubled (runOnce).
      const timer = setInterval(() => {
        void runOnce().catch((error: Error) => logger.warn('messenger run failed', { error: error.message }));
      }, intervalMs);
      timer.unref();
      return () => {
        clearInterval(timer);
        mailer?.close();
      };
    },
  };
}

/** While requests run, how long the one worker waits for a quiet moment before its next item. */
const yieldMs = 250;

/**
 * Runs `work` on each item, up to `concurrency` at a time. While `load` has requests running,
 * background work yields to the request path: the workers past the first wait, and the first waits
 * up to `yieldMs` for a quiet moment before each item (so it still moves under constant traffic).
 */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>, load?: Load): Promise<void> {
  const queue = [...items];
  const busy = () => load !== undefined && load.running > 0;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (;;) {
        while (worker > 0 && busy() && queue.length > 0) await pause();
        for (const waitUntil = Date.now() + yieldMs; worker === 0 && busy() && Date.now() < waitUntil;) await pause();
        const item = queue.shift();
        if (item === undefined) return;
        await work(item);
      }
    }),
  );
}

/** The operator's name for the emails: the name in `MAIL_FROM` (`Pottery Studio <hi@…>`), else its address. */
export function operatorNameOf(from: string): string {
  const named = /^(.+?)\s*<[^>]+>$/.exec(from.trim());
  return named ? named[1]!.replace(/^"|"$/g, '') : from.trim();
}

/** The messenger's type, for the app's health and cron routes. */
export type Messenger = ReturnType<typeof createMessenger>;
