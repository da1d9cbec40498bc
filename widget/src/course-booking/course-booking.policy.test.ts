import { expect } from '@open-wc/testing';
import { mountCourse, newCourse, newSession, partText, until } from '../../test/helpers.js';

// The `policy` attribute in every language the widget ships: a course on dates (days, hours, a
// percentage, moving), an undated course (days after booking), and a policy that gives nothing back.
afterEach(() => document.querySelectorAll('body > div').forEach((d) => d.remove()));

const sayings = [
  {
    lang: 'en',
    dated: ['Full refund if cancelled up to 7 days before the start', '50% refund', '36 hours', 'Moving'],
    undated: 'Full refund if cancelled within 14 days of booking.',
    none: 'No refund on cancellation.',
  },
  {
    lang: 'de',
    dated: ['Volle Erstattung bei Stornierung bis 7 Tage vor Beginn', '50 % Erstattung', '36 Stunden', 'Verlegen'],
    undated: 'Volle Erstattung bei Stornierung innerhalb von 14 Tagen nach der Buchung.',
    none: 'Bei Stornierung keine Erstattung.',
  },
  {
    lang: 'fr',
    dated: [
      'Remboursement intégral en cas d’annulation jusqu’à 7 jours',
      'remboursement de 50 %',
      '36 heures',
      'Changement',
    ],
    undated: 'Remboursement intégral en cas d’annulation dans les 14 jours suivant la réservation.',
    none: 'Aucun remboursement en cas d’annulation.',
  },
  {
    lang: 'es',
    dated: ['Reembolso completo si cancelas hasta 7 días antes del inicio', 'reembolso del 50 %', '36 horas', 'Puedes'],
    undated: 'Reembolso completo si cancelas en los 14 días siguientes a la reserva.',
    none: 'Sin reembolso en caso de cancelación.',
  },
  {
    lang: 'ja',
    dated: ['開始7日前までのキャンセルは全額返金', '50%返金', '36時間', '別の日程に変更できます'],
    undated: '予約から14日以内のキャンセルは全額返金。',
    none: 'キャンセル時の返金はありません。',
  },
];

let dated: string;
let undated: string;
let nothingBack: string;
before(async () => {
  dated = await newCourse({
    title: 'Wheel weekend',
    cancellationPolicy: {
      windows: [
        { hoursBefore: 168, refundPercent: 100 },
        { hoursBefore: 36, refundPercent: 50 },
      ],
      moveUntilHoursBefore: 24,
    },
  });
  await newSession(dated, 'june', {
    startsAt: '2028-06-03T10:00:00+02:00',
    endsAt: '2028-06-03T16:00:00+02:00',
    timeZone: 'Europe/Berlin',
  });
  undated = await newCourse({
    title: 'Glazes online',
    cancellationPolicy: { windows: [{ daysAfterPurchase: 14, refundPercent: 100 }] },
  });
  nothingBack = await newCourse({ title: 'Final sale', cancellationPolicy: { windows: [] } });
});

/** The sentence under the button (drawn once the flow's code is here, right after the price). */
async function sentence(course: string, lang: string) {
  const { element } = await mountCourse({ course, policy: '' }, { lang });
  await until(() => partText(element, 'policy') !== undefined);
  return partText(element, 'policy')!;
}

describe('<course-booking policy> in every language it ships', () => {
  for (const { lang, dated: parts, undated: once, none } of sayings) {
    it(`says the policy in ${lang}`, async () => {
      const said = await sentence(dated, lang);
      for (const part of parts) expect(said).to.contain(part);
      expect(await sentence(undated, lang)).to.equal(once);
      expect(await sentence(nothingBack, lang)).to.equal(none);
    });
  }
});
