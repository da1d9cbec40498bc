import { describe, expect, it } from 'vitest';
import { policySentence } from '../../../common/policy-sentence.js';

// The sentence under the Book button, in the dashboard and in the confirmation email.
const weekAndTwoDays = {
  windows: [
    { hoursBefore: 48, refundPercent: 50 },
    { hoursBefore: 168, refundPercent: 100 },
  ],
  moveUntilHoursBefore: 24,
};

describe('a cancellation policy in one sentence', () => {
  it('reads the windows in the order their deadlines come, whole days as days, then the move', () => {
    expect(policySentence(weekAndTwoDays, 'en', true)).toBe(
      'Full refund if cancelled up to 7 days before the start; 50% refund if cancelled up to 2 days before the start. ' +
        'Moving to another date is possible until 1 day before the start.',
    );
  });

  it('speaks each of the five languages (and English for another)', () => {
    expect(policySentence(weekAndTwoDays, 'de', true)).toBe(
      'Volle Erstattung bei Stornierung bis 7 Tage vor Beginn; 50 % Erstattung bei Stornierung bis 2 Tage vor Beginn. ' +
        'Verlegen auf einen anderen Termin bis 1 Tag vor Beginn.',
    );
    expect(policySentence(weekAndTwoDays, 'fr', true)).toBe(
      'Remboursement intégral en cas d’annulation jusqu’à 7 jours avant le début ; remboursement de 50 % en cas ' +
        'd’annulation jusqu’à 2 jours avant le début. Changement de date possible jusqu’à 1 jour avant le début.',
    );
    expect(policySentence(weekAndTwoDays, 'es', true)).toBe(
      'Reembolso completo si cancelas hasta 7 días antes del inicio; reembolso del 50 % si cancelas hasta 2 días ' +
        'antes del inicio. Puedes cambiar de fecha hasta 1 día antes del inicio.',
    );
    expect(policySentence(weekAndTwoDays, 'ja', true)).toBe(
      '開始7日前までのキャンセルは全額返金、開始2日前までのキャンセルは50%返金。開始1日前まで別の日程に変更できます。',
    );
    expect(policySentence(weekAndTwoDays, 'pt-BR', true)).toBe(policySentence(weekAndTwoDays, 'en', true));
  });

  it('says hours when they are not whole days', () => {
    const policy = { windows: [{ hoursBefore: 36, refundPercent: 100 }], moveUntilHoursBefore: 1 };
    expect(policySentence(policy, 'en', true)).toBe(
      'Full refund if cancelled up to 36 hours before the start. Moving to another date is possible until 1 hour before the start.',
    );
  });

  it('counts days after booking for an undated course, and never speaks of moving it', () => {
    const policy = {
      windows: [
        { daysAfterPurchase: 30, refundPercent: 50 },
        { daysAfterPurchase: 14, refundPercent: 100 },
        { hoursBefore: 48, refundPercent: 100 },
      ],
      moveUntilHoursBefore: 24,
    };
    expect(policySentence(policy, 'en', false)).toBe(
      'Full refund if cancelled within 14 days of booking; 50% refund if cancelled within 30 days of booking.',
    );
    expect(policySentence(policy, 'de', false)).toBe(
      'Volle Erstattung bei Stornierung innerhalb von 14 Tagen nach der Buchung; ' +
        '50 % Erstattung bei Stornierung innerhalb von 30 Tagen nach der Buchung.',
    );
  });

  it('says plainly when nothing comes back', () => {
    expect(policySentence({ windows: [] }, 'en', true)).toBe('No refund on cancellation.');
    expect(policySentence({ windows: [{ hoursBefore: 48, refundPercent: 0 }] }, 'ja', true)).toBe(
      'キャンセル時の返金はありません。',
    );
  });
});
