import type { CancellationPolicy } from './contract.js';

/** How one language says a cancellation policy. */
interface PolicyWords {
  /** One window: what comes back (`amount`) if cancelled by when (`by`). */
  clause: (amount: string, by: string) => string;
  full: string;
  percent: (p: number) => string;
  /** Up to a duration before the start (a course on dates). */
  before: (duration: string) => string;
  /** Within `n` days of booking (an undated course). */
  afterBooking: (n: number) => string;
  days: (n: number) => string;
  hours: (n: number) => string;
  /** Until when a booking may move to another date. */
  move: (duration: string) => string;
  none: string;
  separator: string;
  end: string;
}

const words: Record<string, PolicyWords> = {
  en: {
    clause: (amount, by) => `${amount} ${by}`,
    full: 'full refund',
    percent: (p) => `${p}% refund`,
    before: (d) => `if cancelled up to ${d} before the start`,
    afterBooking: (n) => `if cancelled within ${n === 1 ? '1 day' : `${n} days`} of booking`,
    days: (n) => (n === 1 ? '1 day' : `${n} days`),
    hours: (n) => (n === 1 ? '1 hour' : `${n} hours`),
    move: (d) => `Moving to another date is possible until ${d} before the start.`,
    none: 'No refund on cancellation.',
    separator: '; ',
    end: '.',
  },
  de: {
    clause: (amount, by) => `${amount} ${by}`,
    full: 'volle Erstattung',
    percent: (p) => `${p} % Erstattung`,
    before: (d) => `bei Stornierung bis ${d} vor Beginn`,
    afterBooking: (n) => `bei Stornierung innerhalb ${n === 1 ? 'eines Tages' : `von ${n} Tagen`} nach der Buchung`,
    days: (n) => (n === 1 ? '1 Tag' : `${n} Tage`),
    hours: (n) => (n === 1 ? '1 Stunde' : `${n} Stunden`),
    move: (d) => `Verlegen auf einen anderen Termin bis ${d} vor Beginn.`,
    none: 'Bei Stornierung keine Erstattung.',
    separator: '; ',
    end: '.',
  },
  fr: {
    clause: (amount, by) => `${amount} ${by}`,
    full: 'remboursement intégral',
    percent: (p) => `remboursement de ${p} %`,
    before: (d) => `en cas d’annulation jusqu’à ${d} avant le début`,
    afterBooking: (n) =>
      `en cas d’annulation ${n === 1 ? 'dans le jour suivant' : `dans les ${n} jours suivant`} la réservation`,
    days: (n) => (n === 1 ? '1 jour' : `${n} jours`),
    hours: (n) => (n === 1 ? '1 heure' : `${n} heures`),
    move: (d) => `Changement de date possible jusqu’à ${d} avant le début.`,
    none: 'Aucun remboursement en cas d’annulation.',
    separator: ' ; ',
    end: '.',
  },
  es: {
    clause: (amount, by) => `${amount} ${by}`,
    full: 'reembolso completo',
    percent: (p) => `reembolso del ${p} %`,
    before: (d) => `si cancelas hasta ${d} antes del inicio`,
    afterBooking: (n) => `si cancelas ${n === 1 ? 'en el día siguiente' : `en los ${n} días siguientes`} a la reserva`,
    days: (n) => (n === 1 ? '1 día' : `${n} días`),
    hours: (n) => (n === 1 ? '1 hora' : `${n} horas`),
    move: (d) => `Puedes cambiar de fecha hasta ${d} antes del inicio.`,
    none: 'Sin reembolso en caso de cancelación.',
    separator: '; ',
    end: '.',
  },
  ja: {
    clause: (amount, by) => `${by}のキャンセルは${amount}`,
    full: '全額返金',
    percent: (p) => `${p}%返金`,
    before: (d) => `開始${d}前まで`,
    afterBooking: (n) => `予約から${n}日以内`,
    days: (n) => `${n}日`,
    hours: (n) => `${n}時間`,
    move: (d) => `開始${d}前まで別の日程に変更できます。`,
    none: 'キャンセル時の返金はありません。',
    separator: '、',
    end: '。',
  },
};

/**
 * A course's cancellation policy in one sentence of the student's language (English for any other):
 * "Full refund if cancelled up to 7 days before the start; 50% refund if cancelled up to 48 hours
 * before the start. Moving to another date is possible until 24 hours before the start." Windows
 * read in the order their deadlines come (the first not passed applies); a course on dates uses
 * its `hoursBefore` windows, an undated one its `daysAfterPurchase` windows. Whole days read as days.
 */
export function policySentence(policy: CancellationPolicy, lang: string | undefined, dated: boolean): string {
  const w = words[(lang ?? 'en').slice(0, 2).toLowerCase()] ?? words.en!;
  const duration = (hours: number) => (hours % 24 === 0 && hours > 0 ? w.days(hours / 24) : w.hours(hours));
  const windows = policy.windows
    .filter((window) => window.refundPercent > 0)
    .flatMap((window) => {
      const amount = window.refundPercent === 100 ? w.full : w.percent(window.refundPercent);
      if (dated && window.hoursBefore !== undefined) {
        return [{ order: -window.hoursBefore, text: w.clause(amount, w.before(duration(window.hoursBefore))) }];
      }
      if (!dated && window.daysAfterPurchase !== undefined) {
        return [{ order: window.daysAfterPurchase, text: w.clause(amount, w.afterBooking(window.daysAfterPurchase)) }];
      }
      return [];
    })
    .sort((a, b) => a.order - b.order);
  const refunds = windows.length ? capitalised(windows.map((c) => c.text).join(w.separator)) + w.end : w.none;
  if (!dated || policy.moveUntilHoursBefore === undefined) return refunds;
  // Japanese sentences follow each other with no space.
  return `${refunds}${w.end === '。' ? '' : ' '}${w.move(duration(policy.moveUntilHoursBefore))}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
