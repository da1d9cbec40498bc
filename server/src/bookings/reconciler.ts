import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { BookingStore, EventStore, JobStore, LeaseStore } from '../store/index.js';
import type { BookingRecord } from './booking.js';
import type { BookingService } from './booking-service.js';
import type { PaymentGateway } from './payment-gateway.js';
import { intentEvent } from './session-facts.js';

/** What the reconciler runs on. */
export interface ReconcilerDeps {
  bookings: BookingStore;
  events: EventStore;
  leases: LeaseStore;
  /** Where each run is recorded, for the operator's status screen. */
  jobs: JobStore;
  gateway: PaymentGateway;
  service: Pick<
    BookingService,
    | 'settleFromSession'
    | 'applyFact'
    | 'retryParked'
    | 'sweepSeats'
    | 'finishCancellations'
    | 'waitlist'
    | 'personalData'
  >;
  logger: Logger;
  intervalMs: number;
  now?: () => Date;
  /** Processed event records older than this are pruned. */
  keepEventsMs?: number;
  /** Bookings checked in one run at most. */
  batch?: number;
}

/** What one run did. */
export interface ReconcileReport {
  ran: boolean;
  checked: number;
  /** Bookings it moved: what their lost webhooks would have done. */
  repaired: number;
  failed: number;
  pruned: number;
}

/** The longest wait between two checks of one booking. */
const maxCheckDelayMs = 30 * 60_000;
/** Checks running at once: Stripe's rate limits are per account. */
const concurrency = 4;

/**
 * Asks Stripe what became of bookings still `pending` or `processing`, in case their webhooks are
 * lost: a short while after each attempt starts, then less and less often, longest due first (a
 * booking it cannot settle goes to the back, so it never starves the others). For a `processing`
 * booking it also reads the payment intent, which alone says that a delayed payment failed. It also
 * gives parked events another turn, settles seats whose hold lapsed, and prunes old event records. One runner at a time across
 * instances, through a lease.
 */
export function createReconciler(deps: ReconcilerDeps) {
  const { bookings, events, leases, jobs, gateway, service, logger, intervalMs } = deps;
  const now = deps.now ?? (() => new Date());
  const keepEventsMs = deps.keepEventsMs ?? 30 * 24 * 3600_000;
  const batch = deps.batch ?? 500;
  const owner = `reconciler_${randomBytes(6).toString('hex')}`;
  let parkedCursor = '';

  /** Asks Stripe about one booking; true when that moved it. */
  async function check(booking: BookingRecord, at: Date): Promise<boolean> {
    if (!booking.stripeSessionId) {
      // No session was ever attached (Stripe failed at create): nothing can be paid; let it expire.
      if (booking.checkoutExpiresAt <= at) {
        const moved = await bookings.transition({
          id: booking.id,
          from: ['pending'],
          to: 'expired',
          entry: {
            status: 'expired',
            at,
            eventId: `reconcile_${booking.id}_${booking.attempt}`,
            type: 'reconcile.no_session',
          },
        });
        return moved;
      }
      return false;
    }
    let session = await gateway.retrieveCheckout(booking.stripeSessionId);
    if (session.status === 'open' && session.expiresAt <= at) session = await gateway.expireCheckout(session.id);
    let moved = (await service.settleFromSession(session))?.outcome === 'applied';
    if (session.status === 'complete' && session.paymentStatus === 'unpaid' && session.paymentIntentId) {
      const fact = intentEvent(session, await gateway.retrievePaymentIntent(session.paymentIntentId));
      if (fact) moved = (await service.applyFact(fact)).outcome === 'applied' || moved;
    }
    return moved;
  }

  async function runOnce(): Promise<ReconcileReport> {
    const at = now();
    if (!(await leases.acquire('reconciler', owner, at, intervalMs * 2))) {
      return { ran: false, checked: 0, repaired: 0, failed: 0, pruned: 0 };
    }
    const due = await bookings.listDue(['pending', 'processing'], at, batch);
    let failed = 0;
    let repaired = 0;
    const queue = [...due];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let booking = queue.shift(); booking; booking = queue.shift()) {
          try {
            if (await check(booking, at)) repaired += 1;
          } catch (error) {
            failed += 1;
            logger.warn('reconcile failed for a booking', { bookingId: booking.id, error: (error as Error).message });
          }
          // Checked or not, it goes to the back of the line, a little further each time.
          const delay = Math.min(maxCheckDelayMs, 2 ** booking.reconcileChecks * 2 * 60_000);
          await bookings.scheduleCheck(booking.id, new Date(at.getTime() + delay), booking.reconcileChecks + 1);
        }
      }),
    );
    const parked = await service.retryParked(parkedCursor, 200);
    parkedCursor = parked.next ?? '';
    const seats = await service.sweepSeats(at, 200);
    // Offers whose time ran out go to the next in line; seats freed anywhere go to those waiting.
    const waitlist = await service.waitlist.sweep();
    // Cancelled sessions whose bookings a crash (or a payment still under way) left.
    const cancellations = await service.finishCancellations(20);
    const pruned = await events.prune(new Date(at.getTime() - keepEventsMs));
    // Personal data kept long enough (ATTENDEE_DATA_DAYS) is erased.
    const erased = await service.personalData.sweep();
    const erasedAny = erased.bookings + erased.waitlistEntries + erased.messages > 0;
    const worked = parked.applied > 0 || seats > 0 || cancellations > 0 || waitlist.offered > 0 || erasedAny;
    if (due.length > 0 || pruned > 0 || worked) {
      logger.info('reconciled', {
        checked: due.length,
        repaired,
        failed,
        pruned,
        parkedApplied: parked.applied,
        seatsSettled: seats,
        cancellationsFinished: cancellations,
        offersLapsed: waitlist.lapsed,
        offersMade: waitlist.offered,
        personalDataErased: erased,
      });
    }
    const report = {
      ran: true,
      checked: due.length,
      repaired: repaired + parked.applied + seats + cancellations,
      failed,
      pruned,
    };
    const durationMs = now().getTime() - at.getTime();
    await jobs.recordRun('reconciler', { at, durationMs, checked: report.checked, repaired: report.repaired, failed });
    return report;
  }

  return {
    runOnce,
    /** Gives up the lease (on shutdown), so another instance takes over at once. */
    release: () => leases.release('reconciler', owner),
    /** Runs every `intervalMs` until the returned function is called. */
    start(): () => void {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        runOnce()
          .catch((error: Error) => logger.warn('reconcile run failed', { error: error.message }))
          .finally(() => (running = false));
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
