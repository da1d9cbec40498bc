/** ISO 4217 codes (lower case) that Stripe accepts as presentment currencies. */
export const stripeCurrencies: ReadonlySet<string> = new Set(
  (
    'usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd bwp byn bzd ' +
    'cad cdf chf clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd ' +
    'hkd hnl htg huf idr ils inr isk jmd jod jpy kes kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl mad ' +
    'mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln ' +
    'pyg qar ron rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs top try ttd twd tzs uah ' +
    'ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw'
  ).split(' '),
);

/** Stripe's largest amount for a charge, in minor units (eight digits). */
export const maxStripeAmount = 99_999_999;

/**
 * Stripe's minimum charge per settlement currency, in minor units as the API counts them.
 * Source: https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts (read 2026-11).
 * A currency not listed here has Stripe's minimum of the equivalent of 0.50 USD at the day's rate,
 * which cannot be checked offline: those prices must be at least 50 minor units.
 */
export const minimumCharge: Readonly<Record<string, number>> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
};

/** The smallest price Stripe charges in `currency`, in minor units (0 is free, and always allowed). */
export function minimumPrice(currency: string): number {
  return minimumCharge[currency] ?? 50;
}
