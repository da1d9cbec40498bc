import { describe, expect, it } from 'vitest';
import { cancellationPolicySchema, cancellationTerms, moveDeadline } from './cancellation-policy.js';

// "Full refund up to 7 days before, half up to 48 hours before": each window applies until one
// second before its deadline, and no longer at it.
const policy = cancellationPolicySchema.parse({
  windows: [
    { hoursBefore: 48, refundPercent: 50 },
    { hoursBefore: 168, refundPercent: 100 },
  ],
  moveUntilHoursBefore: 24,
});
const startsAt = new Date('2027-03-14T09:00:00Z');
const before = (hours: number, seconds = 0) => new Date(startsAt.getTime() - hours * 3_600_000 + seconds * 1000);
const facts = { paid: 12_900, paidAt: new Date('2027-01-01T00:00:00Z'), startsAt };

describe('cancellation terms of a course on dates', () => {
  it('refunds in full until one second before 7 days before the start', () => {
    expect(cancellationTerms(policy, facts, before(168, -1))).toEqual({
      allowed: true,
      refundAmount: 12_900,
      until: before(168),
    });
  });

  it('refunds half from 7 days before until one second before 48 hours before', () => {
    expect(cancellationTerms(policy, facts, before(168))).toEqual({
      allowed: true,
      refundAmount: 6_450,
      until: before(48),
    });
    expect(cancellationTerms(policy, facts, before(48, -1)).refundAmount).toBe(6_450);
  });

  it('allows no cancellation from 48 hours before', () => {
    expect(cancellationTerms(policy, facts, before(48))).toEqual({ allowed: false, refundAmount: 0, until: null });
    expect(cancellationTerms(undefined, facts, before(500)).allowed).toBe(false);
  });

  it('rounds down to the minor unit: a cent, or a yen (JPY has none smaller)', () => {
    const third = cancellationPolicySchema.parse({ windows: [{ hoursBefore: 1, refundPercent: 33 }] });
    expect(cancellationTerms(third, { ...facts, paid: 4_999 }, before(2)).refundAmount).toBe(1_649); // 1649.67 cents
    expect(cancellationTerms(third, { ...facts, paid: 12_001 }, before(2)).refundAmount).toBe(3_960); // ¥3960.33
  });

  it('moves until 24 hours before the start, and not from then', () => {
    expect(moveDeadline(policy, startsAt, before(24, -1))).toEqual(before(24));
    expect(moveDeadline(policy, startsAt, before(24))).toBeNull();
    expect(moveDeadline({ windows: [] }, startsAt, before(100))).toBeNull();
  });
});

describe('cancellation terms of an undated course', () => {
  const undated = cancellationPolicySchema.parse({ windows: [{ daysAfterPurchase: 14, refundPercent: 100 }] });
  const paidAt = facts.paidAt;
  const after = (days: number, seconds = 0) => new Date(paidAt.getTime() + days * 86_400_000 + seconds * 1000);

  it('counts from the payment: in full until one second before 14 days after it, then nothing', () => {
    const own = { paid: 4_900, paidAt, startsAt: null };
    expect(cancellationTerms(undated, own, after(14, -1))).toMatchObject({ allowed: true, refundAmount: 4_900 });
    expect(cancellationTerms(undated, own, after(14)).allowed).toBe(false);
    // Windows of a course on dates do not apply to it, nor its windows to dates.
    expect(cancellationTerms(policy, own, after(0)).allowed).toBe(false);
    expect(cancellationTerms(undated, facts, after(0)).allowed).toBe(false);
  });

  it('refuses a window that says neither or both', () => {
    expect(cancellationPolicySchema.safeParse({ windows: [{ refundPercent: 10 }] }).success).toBe(false);
    const both = { windows: [{ hoursBefore: 1, daysAfterPurchase: 1, refundPercent: 10 }] };
    expect(cancellationPolicySchema.safeParse(both).success).toBe(false);
  });
});
