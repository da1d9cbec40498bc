import type { FlowMessages } from './messages.js';

/** Japanese: what the sign-in, checkout and return say, loaded after the price. */
export const jaFlow: FlowMessages = {
  wait: 'お待ちください…',
  signingIn: 'ログイン中…',
  opening: '決済画面を開いています…',
  redirecting: '決済画面へ移動中…',
  openCheckout: '決済へ進む（新しいタブ）',
  checkingPayment: 'お支払いを確認中…',
  paid: 'お支払いを受け付けました。予約が完了しました。',
  processing: 'お支払いを処理中…',
  processingLong: 'お支払いはまだ処理中です。支払い方法によっては数日かかります。後で予約一覧をご確認ください。',
  cancelled: '決済をキャンセルしました。請求はありません。',
  failed: 'お支払いに失敗しました。請求はありません。',
  expired: 'お支払い前に決済の有効期限が切れました。',
  refunded: 'この予約は返金されました。',
  popupBlocked:
    'ブラウザがログイン画面をブロックしました。このサイトのポップアップを許可して、もう一度お試しください。',
  bookOnPage: '講座のページで予約する',
  popupClosed: 'ログインが完了する前に閉じられました。',
  signInAgain: 'ログインの有効期限が切れました。ボタンを押してもう一度ログインしてください。',
  paymentsUnavailable: '現在お支払いができません。しばらくしてからもう一度お試しください。',
  unreachable: '予約サービスに接続できません。もう一度お試しください。',
  checkoutFailed: '決済を開始できませんでした。もう一度お試しください。',
  closeCheckout: '決済を閉じる',
  awaitingPayment: 'お支払い待ち：決済はまだ完了していません。',
  completePayment: '支払いを完了する',
  paidPrice: '{amount} 支払い済み',
  chooseDate: '先に日程を選んでください。',
};
