import { z } from 'zod';

/**
 * A course's cancellation policy: windows, each "until N hours before the session starts (or N
 * days after purchase, for an undated course): refund P %", and until when a booking may move to
 * another date.
 */
export const cancellationPolicySchema = z
  .strictObject({
    windows: z
      .array(
        z
          .strictObject({
            hoursBefore: z.number().int('must be whole hours').min(0).max(8_760).optional(),
            daysAfterPurchase: z.number().int('must be whole days').min(0).max(365).optional(),
            refundPercent: z.number().int('must be a whole percentage').min(0).max(100),
          })
          .refine((w) => (w.hoursBefore === undefined) !== (w.daysAfterPurchase === undefined), {
            message: 'must say either hoursBefore (a course on dates) or daysAfterPurchase (an undated one)',
          }),
      )
      .max(5, 'must have at most 5 windows'),
    moveUntilHoursBefore: z.number().int().min(0).max(8_760).optional(),
  })
  .meta({ description: 'Refund windows (the first not yet passed applies) and until when a booking may move' });

export type CancellationPolicy = z.infer<typeof cancellationPolicySchema>;

/** What the student may do with a booking now, and what would come back. */
export interface CancellationTerms {
  allowed: boolean;
  /** In the currency's minor unit: the paid amount times the window's percentage, rounded down. */
  refundAmount: number;
  /** When the window that applies now closes (null: none applies). */
  until: Date | null;
}

/** What a booking's terms depend on. */
export interface PolicyFacts {
  paid: number;
  /** When it was paid (an undated course's windows count from then). */
  paidAt: Date;
  /** When its session starts; null for an undated course. */
  startsAt: Date | null;
}

/**
 * The terms of cancelling now: the window whose deadline comes first and has not passed applies
 * (a deadline itself belongs to the next window: one second before it the window applies, at it no
 * longer). A dated course's windows count back from the start, an undated one's forward from the
 * payment; windows of the other kind are not used. The refund is rounded down to the currency's
 * minor unit (a cent, or a yen): never more than the percentage.
 */
export function cancellationTerms(
  policy: CancellationPolicy | undefined,
  facts: PolicyFacts,
  now: Date,
): CancellationTerms {
  const deadlines = (policy?.windows ?? [])
    .map((w) => ({ at: deadlineOf(w, facts), percent: w.refundPercent }))
    .filter((w): w is { at: Date; percent: number } => w.at !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const open = deadlines.find((w) => now < w.at);
  if (!open) return { allowed: false, refundAmount: 0, until: null };
  return { allowed: true, refundAmount: Math.floor((facts.paid * open.percent) / 100), until: open.at };
}

/** Until when a booking may move to another date: null when the policy allows no move (or it has passed). */
export function moveDeadline(policy: CancellationPolicy | undefined, startsAt: Date | null, now: Date): Date | null {
  if (policy?.moveUntilHoursBefore === undefined || !startsAt) return null;
  const until = new Date(startsAt.getTime() - policy.moveUntilHoursBefore * 3_600_000);
  return now < until ? until : null;
}

function deadlineOf(window: CancellationPolicy['windows'][number], facts: PolicyFacts): Date | null {
  if (facts.startsAt && window.hoursBefore !== undefined) {
    return new Date(facts.startsAt.getTime() - window.hoursBefore * 3_600_000);
  }
  if (!facts.startsAt && window.daysAfterPurchase !== undefined) {
    return new Date(facts.paidAt.getTime() + window.daysAfterPurchase * 86_400_000);
  }
  return null;
}
