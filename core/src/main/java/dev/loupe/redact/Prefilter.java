package dev.loupe.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides in one pass over a string which value rules could match it, so that the regular
 * expressions only run where a rule's literal (case-insensitively) or enough digits occur.
 *
 * <h2>Algorithm</h2>
 * The literals of all rules are indexed by their lowercase first character (ASCII). The scan
 * looks at each character once: digits are counted; where the character starts some literal, the
 * literals starting with it are compared in place ({@code regionMatches}, no copying) and each
 * match sets its rule's bit. Rules without literals are always candidates (subject to their digit
 * minimum). Most text contains none of the literals, so most strings cost one tight loop.
 */
final class Prefilter {
  private record Literal(String text, long bit) {}

  private final Literal[][] byFirstChar = new Literal[128][];
  private final long alwaysCandidates;
  private final int[] minDigits;

  Prefilter(List<RedactionRules.ValueRule> rules) {
    if (rules.size() > 64) {
      throw new IllegalArgumentException("at most 64 value rules are supported");
    }
    List<List<Literal>> table = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      table.add(new ArrayList<>());
    }
    long always = 0;
    minDigits = new int[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      RedactionRules.ValueRule rule = rules.get(i);
      long bit = 1L << i;
      minDigits[i] = rule.minDigits();
      if (rule.prefilter().isEmpty()) {
        always |= bit;
        continue;
      }
      for (String literal : rule.prefilter()) {
        char first = literal.isEmpty() ? 0 : literal.charAt(0);
        if (literal.isEmpty() || first >= 128) {
          always |= bit;
        } else {
          table.get(first).add(new Literal(literal, bit));
        }
      }
    }
    for (int c = 0; c < 128; c++) {
      if (!table.get(c).isEmpty()) {
        byFirstChar[c] = table.get(c).toArray(new Literal[0]);
      }
    }
    this.alwaysCandidates = always;
  }

  /** Bit {@code i} is set when rule {@code i} could match {@code text}. */
  long candidates(String text) {
    long mask = alwaysCandidates;
    int digits = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
      if (c >= 128) {
        continue;
      }
      Literal[] starting = byFirstChar[c >= 'A' && c <= 'Z' ? c + 32 : c];
      if (starting != null) {
        for (Literal l : starting) {
          if ((mask & l.bit()) == 0 && text.regionMatches(true, i, l.text(), 0, l.text().length())) {
            mask |= l.bit();
          }
        }
      }
    }
    for (int r = 0; r < minDigits.length; r++) {
      if (minDigits[r] > digits) {
        mask &= ~(1L << r);
      }
    }
    return mask;
  }
}
