/**
 * True when the digits of `s` (13 to 19 of them, other characters ignored) pass the Luhn check and
 * start as a card issuer's do, with 2 to 6 (Mastercard 2 and 5, American Express, Diners and JCB 3,
 * Visa 4, Discover and UnionPay 6): timestamps in ms, µs or ns start with 1 and a tenth of them
 * pass Luhn (jQuery's `_=<ms>` on every uncached request was masked as a card).
 */
export const luhn = (s: string): boolean => {
  const d = s.replace(/\D/g, '');
  if (!/^[2-6]\d{12,18}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = +d[d.length - 1 - i];
    if (i % 2 && (x *= 2) > 9) x -= 9;
    sum += x;
  }
  return sum % 10 == 0;
};
