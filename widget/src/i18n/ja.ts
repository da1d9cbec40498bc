import type { PriceMessages } from './messages.js';

/** Japanese: what shows with the price (the rest is in `ja-flow.ts`, loaded after it). */
export const ja: PriceMessages = {
  book: '予約して支払う',
  bookFree: '予約する（無料）',
  free: '無料',
  soldOut: '満席',
  seatLeft: '残り1席',
  seatsLeft: '残り{n}席',
  unavailable: 'この講座の受付は終了しました。',
  tryAgain: 'もう一度試す',
  booked: '予約済み',
  loadingPrice: '価格を読み込み中…',
  courseNotFound: 'この講座はご利用いただけません。',
  pricesUnavailable: '現在、価格を読み込めません。',
  dates: '日程',
  moreDates: 'ほかの日程',
};
