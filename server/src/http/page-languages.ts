/**
 * The languages of the pages the backend and the sandbox serve to students (the sign-in popup,
 * the sandbox's pay page), the same as the widget's: the widget passes its page's language.
 */
export const pageLanguages = ['en', 'de', 'fr', 'es', 'ja'] as const;

/** A language the pages speak. */
export type PageLanguage = (typeof pageLanguages)[number];

/** The page language for a tag such as `de-AT`; English for anything else. */
export function pageLanguage(tag: string | undefined | null): PageLanguage {
  const primary = (tag ?? '').toLowerCase().split('-')[0];
  return pageLanguages.find((l) => l === primary) ?? 'en';
}

/** What the sign-in popup says; its script reads these from the page's config. */
export interface PopupText {
  title: string;
  heading: string;
  /** Which course and which site the sign-in is for: `{course}`, `{site}`. */
  forCourse: string;
  /** Which site, when no course is named (the dashboard's sign-in): `{site}`. */
  forSite: string;
  developmentTitle: string;
  developmentNote: string;
  signInAs: string;
  signIn: string;
  signingIn: string;
  signedIn: string;
  loading: string;
  failed: string;
  couldNotStart: string;
  tryAgain: string;
  openerGone: string;
  noOpener: string;
}

export const popupTexts: Record<PageLanguage, PopupText> = {
  en: {
    title: 'Sign in — course booking',
    heading: 'Sign in to book',
    forCourse: 'For {course} on {site}',
    forSite: 'On {site}',
    developmentTitle: 'Development sign-in.',
    developmentNote: 'No password is checked; anyone can be anyone. Never in production.',
    signInAs: 'Sign in as (a name or email)',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signedIn: 'Signed in. You can close this window.',
    loading: 'Loading sign-in…',
    failed: 'Sign-in failed:',
    couldNotStart: 'Sign-in could not start:',
    tryAgain: 'Try again',
    openerGone: 'The page that opened this window is gone. Close this window and press the booking button again.',
    noOpener: 'Open this window from a booking button: the page that should receive the sign-in is missing.',
  },
  de: {
    title: 'Anmelden — Kursbuchung',
    heading: 'Zum Buchen anmelden',
    forCourse: 'Für {course} auf {site}',
    forSite: 'Auf {site}',
    developmentTitle: 'Entwicklungs-Anmeldung.',
    developmentNote: 'Es wird kein Passwort geprüft; jeder kann jeder sein. Nie im Produktivbetrieb.',
    signInAs: 'Anmelden als (Name oder E-Mail)',
    signIn: 'Anmelden',
    signingIn: 'Anmeldung…',
    signedIn: 'Angemeldet. Sie können dieses Fenster schließen.',
    loading: 'Anmeldung wird geladen…',
    failed: 'Anmeldung fehlgeschlagen:',
    couldNotStart: 'Die Anmeldung konnte nicht starten:',
    tryAgain: 'Erneut versuchen',
    openerGone:
      'Die Seite, die dieses Fenster geöffnet hat, ist nicht mehr da. Schließen Sie es und drücken Sie die Buchungsschaltfläche erneut.',
    noOpener: 'Öffnen Sie dieses Fenster über eine Buchungsschaltfläche: Die Seite, die die Anmeldung erhält, fehlt.',
  },
  fr: {
    title: 'Connexion — réservation de cours',
    heading: 'Connectez-vous pour réserver',
    forCourse: 'Pour {course} sur {site}',
    forSite: 'Sur {site}',
    developmentTitle: 'Connexion de développement.',
    developmentNote: 'Aucun mot de passe n’est vérifié ; chacun peut être n’importe qui. Jamais en production.',
    signInAs: 'Se connecter en tant que (un nom ou un e-mail)',
    signIn: 'Se connecter',
    signingIn: 'Connexion…',
    signedIn: 'Connecté. Vous pouvez fermer cette fenêtre.',
    loading: 'Chargement de la connexion…',
    failed: 'La connexion a échoué :',
    couldNotStart: 'La connexion n’a pas pu démarrer :',
    tryAgain: 'Réessayer',
    openerGone:
      'La page qui a ouvert cette fenêtre n’existe plus. Fermez cette fenêtre et appuyez à nouveau sur le bouton de réservation.',
    noOpener: 'Ouvrez cette fenêtre depuis un bouton de réservation : la page qui doit recevoir la connexion manque.',
  },
  es: {
    title: 'Iniciar sesión — reserva de cursos',
    heading: 'Inicie sesión para reservar',
    forCourse: 'Para {course} en {site}',
    forSite: 'En {site}',
    developmentTitle: 'Inicio de sesión de desarrollo.',
    developmentNote: 'No se comprueba ninguna contraseña; cualquiera puede ser cualquiera. Nunca en producción.',
    signInAs: 'Iniciar sesión como (un nombre o un correo)',
    signIn: 'Iniciar sesión',
    signingIn: 'Iniciando sesión…',
    signedIn: 'Sesión iniciada. Puede cerrar esta ventana.',
    loading: 'Cargando el inicio de sesión…',
    failed: 'No se pudo iniciar sesión:',
    couldNotStart: 'El inicio de sesión no pudo empezar:',
    tryAgain: 'Reintentar',
    openerGone:
      'La página que abrió esta ventana ya no está. Cierre esta ventana y pulse de nuevo el botón de reserva.',
    noOpener: 'Abra esta ventana desde un botón de reserva: falta la página que debe recibir el inicio de sesión.',
  },
  ja: {
    title: 'ログイン — 講座予約',
    heading: 'ログインして予約',
    forCourse: '{site} の「{course}」',
    forSite: '{site}',
    developmentTitle: '開発用ログイン。',
    developmentNote: 'パスワードは確認されません。誰でも誰にでもなれます。本番環境では使用しません。',
    signInAs: 'ログインする名前（名前またはメールアドレス）',
    signIn: 'ログイン',
    signingIn: 'ログイン中…',
    signedIn: 'ログインしました。このウィンドウを閉じてください。',
    loading: 'ログインを読み込み中…',
    failed: 'ログインに失敗しました：',
    couldNotStart: 'ログインを開始できませんでした：',
    tryAgain: 'もう一度試す',
    openerGone: 'このウィンドウを開いたページがありません。ウィンドウを閉じて、もう一度予約ボタンを押してください。',
    noOpener: '予約ボタンからこのウィンドウを開いてください。ログインを受け取るページがありません。',
  },
};

/** What the sandbox's pay page says. */
export interface PayText {
  title: string;
  bannerTitle: string;
  banner: string;
  pay: string;
  decline: string;
  payLater: string;
  cancel: string;
  promotionCode: string;
  /** `{code}` and `{percent}` are filled in. */
  promotionHint: string;
  invalidCode: string;
  /** Applies the promotion code before paying. */
  apply: string;
  /** `{code}` and `{percent}` are filled in. */
  applied: string;
  declined: string;
  expired: string;
  complete: string;
}

export const payTexts: Record<PageLanguage, PayText> = {
  en: {
    title: 'Sandbox checkout — no money moves',
    bannerTitle: 'Sandbox checkout.',
    banner: 'No money moves. This page stands in for Stripe Checkout on a development machine.',
    pay: 'Pay',
    decline: 'Decline card',
    payLater: 'Pay later (delayed)',
    cancel: 'Cancel and go back',
    promotionCode: 'Promotion code',
    promotionHint: 'Try {code}: {percent} % off.',
    invalidCode: 'This code is not valid.',
    apply: 'Apply',
    applied: '{code} applied: {percent} % off.',
    declined: 'Your card was declined. Try again, or use another card.',
    expired: 'This checkout is expired.',
    complete: 'This checkout is already complete.',
  },
  de: {
    title: 'Sandbox-Kasse — es fließt kein Geld',
    bannerTitle: 'Sandbox-Kasse.',
    banner: 'Es fließt kein Geld. Diese Seite vertritt Stripe Checkout auf einem Entwicklungsrechner.',
    pay: 'Bezahlen',
    decline: 'Karte ablehnen',
    payLater: 'Später bezahlen (verzögert)',
    cancel: 'Abbrechen und zurück',
    promotionCode: 'Gutscheincode',
    promotionHint: 'Probieren Sie {code}: {percent} % Rabatt.',
    invalidCode: 'Dieser Code ist ungültig.',
    apply: 'Anwenden',
    applied: '{code} angewendet: {percent} % Rabatt.',
    declined: 'Ihre Karte wurde abgelehnt. Versuchen Sie es erneut oder nutzen Sie eine andere Karte.',
    expired: 'Diese Kasse ist abgelaufen.',
    complete: 'Diese Kasse ist bereits abgeschlossen.',
  },
  fr: {
    title: 'Paiement sandbox — aucun argent ne circule',
    bannerTitle: 'Paiement sandbox.',
    banner: 'Aucun argent ne circule. Cette page remplace Stripe Checkout sur une machine de développement.',
    pay: 'Payer',
    decline: 'Refuser la carte',
    payLater: 'Payer plus tard (différé)',
    cancel: 'Annuler et revenir',
    promotionCode: 'Code promo',
    promotionHint: 'Essayez {code} : {percent} % de réduction.',
    invalidCode: 'Ce code n’est pas valide.',
    apply: 'Appliquer',
    applied: '{code} appliqué : {percent} % de réduction.',
    declined: 'Votre carte a été refusée. Réessayez ou utilisez une autre carte.',
    expired: 'Ce paiement a expiré.',
    complete: 'Ce paiement est déjà terminé.',
  },
  es: {
    title: 'Pago de prueba — no se mueve dinero',
    bannerTitle: 'Pago de prueba.',
    banner: 'No se mueve dinero. Esta página sustituye a Stripe Checkout en una máquina de desarrollo.',
    pay: 'Pagar',
    decline: 'Rechazar la tarjeta',
    payLater: 'Pagar más tarde (diferido)',
    cancel: 'Cancelar y volver',
    promotionCode: 'Código promocional',
    promotionHint: 'Pruebe {code}: {percent} % de descuento.',
    invalidCode: 'Este código no es válido.',
    apply: 'Aplicar',
    applied: '{code} aplicado: {percent} % de descuento.',
    declined: 'Su tarjeta ha sido rechazada. Inténtelo de nuevo o use otra tarjeta.',
    expired: 'Este pago ha caducado.',
    complete: 'Este pago ya se ha completado.',
  },
  ja: {
    title: 'サンドボックス決済 — 実際のお金は動きません',
    bannerTitle: 'サンドボックス決済。',
    banner: '実際のお金は動きません。このページは開発環境で Stripe Checkout の代わりを務めます。',
    pay: '支払う',
    decline: 'カードを拒否',
    payLater: '後で支払う（遅延）',
    cancel: 'キャンセルして戻る',
    promotionCode: 'プロモーションコード',
    promotionHint: '{code} をお試しください：{percent}% 割引。',
    invalidCode: 'このコードは無効です。',
    apply: '適用',
    applied: '{code} を適用しました：{percent}% 割引。',
    declined: 'カードが拒否されました。もう一度試すか、別のカードをお使いください。',
    expired: 'この決済は有効期限が切れています。',
    complete: 'この決済はすでに完了しています。',
  },
};
