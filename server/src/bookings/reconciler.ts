import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { BookingStore, EventStore, LeaseStore } from '../store/index.js';
import type { PaymentGateway } from './payment-gateway.js';
import type { BookingService } from './booking-service.js';

/** What the reconciler runs on. */
export interface ReconcilerDeps {
  bookings: BookingStore;
  events: EventStore;
  leases: LeaseStore;
  gateway: PaymentGateway;
  service: Pick<BookingService, 'settleFromSession'>;
  logger: Logger;
  intervalMs: number;
  now?: () => Date;
  /** Processed event records older than this are pruned. */
  keepEventsMs?: number;
}

/** What one run did. */
export interface ReconcileReport {
  ran: boolean;
  checked: number;
  failed: number;
  pruned: number;
}

/**
 * Settles bookings stuck in `pending` or `processing` past their checkout's expiry by asking Stripe
 * what became of their sessions, and prunes old event records. One runner at a time across
 * instances, through a lease.
 */
export function createReconciler(deps: ReconcilerDeps) {
  const { bookings, events, leases, gateway, service, logger, intervalMs } = deps;
  const now = deps.now ?? (() => new Date());
  const keepEventsMs = deps.keepEventsMs ?? 30 * 24 * 3600_000;
  const owner = `reconciler_${randomBytes(6).toString('hex')}`;

  async function runOnce(): Promise<ReconcileReport> {
    const at = now();
    if (!(await leases.acquire('reconciler', owner, at, intervalMs * 2))) {
      return { ran: false, checked: 0, failed: 0, pruned: 0 };
    }
    const stale = await bookings.listStale(['pending', 'processing'], at, 100);
    let failed = 0;
    for (const booking of stale) {
      try {
        if (!booking.stripeSessionId) {
          // No session was ever attached (Stripe failed at create): nothing can be paid; let it expire.
          await bookings.transition({
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
          continue;
        }
        let session = await gateway.retrieveCheckout(booking.stripeSessionId);
        if (session.status === 'open' && session.expiresAt <= at) session = await gateway.expireCheckout(session.id);
        await service.settleFromSession(session);
      } catch (error) {
        failed += 1;
        logger.warn('reconcile failed for a booking', { bookingId: booking.id, error: (error as Error).message });
      }
    }
    const pruned = await events.prune(new Date(at.getTime() - keepEventsMs));
    if (stale.length > 0 || pruned > 0) logger.info('reconciled', { checked: stale.length, failed, pruned });
    return { ran: true, checked: stale.length, failed, pruned };
  }

  return {
    runOnce,
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
