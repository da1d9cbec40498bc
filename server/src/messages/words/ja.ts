import type { MailWords } from '../mail-words.js';

export const ja: MailWords = {
  subject: {
    confirmed: ({ course }) => `ご予約が確定しました：${course}`,
    incomplete: ({ course }) => `${course} のお支払いが完了していません`,
    refunded: ({ course }) => `返金しました：${course}`,
    cancelled: ({ course }) => `主催者により中止されました：${course}`,
    withdrawn: ({ course }) => `キャンセルしました：${course}`,
    moved: ({ course }) => `${course} の日程が変更されました`,
    reminder: ({ course }) => `リマインダー：${course}`,
    operator: ({ course, amount }) => `新しい予約：${course}（${amount}）`,
    offer: ({ course }) => `お席を確保しました：${course}`,
  },
  lead: {
    confirmed: ({ course }) => `${course} のご予約が確定しました。ありがとうございます。`,
    incomplete: ({ course }) =>
      `${course} のお支払いが完了していないため、お席はまだ予約されていません。今すぐお支払いを完了できます。`,
    refunded: ({ course, amount }) => `${course} のご予約について ${amount} を返金しました。`,
    cancelled: ({ course, amount }) =>
      `主催者が ${course} を中止しました。${amount ? `${amount} を返金いたします。` : ''}申し訳ございません。`,
    withdrawn: ({ course, amount }) =>
      `ご依頼のとおり ${course} のご予約をキャンセルしました。${amount ? `${amount} を返金いたします。` : ''}`,
    moved: ({ course }) => `${course} のご予約は新しい日程に変更されました。`,
    reminder: ({ course, when }) => `リマインダー：${course} は ${when} に始まります。`,
    operator: ({ course, amount }) => `${course} の予約が入りました（支払額：${amount}）。`,
    offer: ({ course, until }) =>
      `お待ちいただいていた${course}に空きが出ました。${until}までお席を確保しています。それまでにご予約ください。期限を過ぎると次の方にご案内します。`,
  },
  greeting: 'こんにちは。',
  when: '日時',
  where: '場所',
  online: 'オンラインで参加',
  paid: 'お支払い額',
  free: '無料',
  bookings: 'ご予約の一覧',
  completePayment: 'お支払いを完了する',
  takeSeat: '確保した席を予約する',
  calendarAttached: 'カレンダーファイルを添付しました。開くと日程をカレンダーに追加できます。',
  signOff: (operator) => `お会いできるのを楽しみにしています。\n${operator}`,
};
