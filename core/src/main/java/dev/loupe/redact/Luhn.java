package dev.loupe.redact;

/** The Luhn checksum, to tell card numbers from other long digit runs (order ids, timestamps). */
final class Luhn {
  private Luhn() {}

  /**
   * Whether the digits of {@code text} (spaces and dashes ignored) are 13–19 long, pass Luhn and
   * start as a card issuer's do, with 2 to 6 (Mastercard 2 and 5, American Express, Diners and JCB
   * 3, Visa 4, Discover and UnionPay 6): timestamps in ms, µs or ns start with 1, and a tenth of
   * them pass Luhn. The SDK checks the same.
   */
  static boolean valid(CharSequence text) {
    return valid(text, 0, text.length());
  }

  /** Whether {@code text[from, to)} passes (see {@link #valid(CharSequence)}). */
  static boolean valid(CharSequence text, int from, int to) {
    int sum = 0;
    int count = 0;
    int first = 0;
    boolean doubled = false;
    for (int i = to - 1; i >= from; i--) {
      char c = text.charAt(i);
      if (c == ' ' || c == '-') {
        continue;
      }
      if (c < '0' || c > '9') {
        return false;
      }
      int d = c - '0';
      first = d;
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
      count++;
    }
    return count >= 13 && count <= 19 && sum % 10 == 0 && first >= 2 && first <= 6;
  }
}
