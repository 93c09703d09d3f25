/** True when the digits of `s` (13 to 19 of them, other characters ignored) pass the Luhn check. */
export function luhn(s: string): boolean {
  const d = s.replace(/\D/g, '');
  if (d.length < 13 || d.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let x = +d[d.length - 1 - i];
    if (i % 2 && (x *= 2) > 9) x -= 9;
    sum += x;
  }
  return sum % 10 == 0;
}
