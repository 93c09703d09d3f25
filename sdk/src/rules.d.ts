/**
 * rules/redaction.json as compiled at build time by scripts/rules.mjs (an esbuild plugin in the
 * build, a Vite plugin in the tests): the file the server applies, reduced to what the page needs.
 */
declare module 'loupe:rules' {
  /** Header names to redact in objects under a key ending in `headers` (anchored, case-insensitive). */
  export const headerNames: RegExp;
  /** Whether listed headers are removed (else masked). */
  export const headerRemove: 0 | 1;
  /** JSON keys whose values are redacted: the json_keys patterns as one alternation. */
  export const keyPattern: RegExp;
  export const keyRemove: 0 | 1;
  /** Query parameter names to redact in URL-valued strings (anchored, case-insensitive). */
  export const queryNames: RegExp;
  export const queryRemove: 0 | 1;
  /** Matches every string that some value rule could apply to (its prefilter, or its min_digits digits). */
  export const anyValueRule: RegExp;
  /**
   * Value rules in file order: kind, global pattern, prefilter (0: none), min_digits as a test (0:
   * none), Luhn check, remove; the zeros at the end of a rule are left out (absent: none, as 0).
   */
  export const valueRules: [kind: string, pattern: RegExp, prefilter?: RegExp | 0, minDigits?: RegExp | 0, luhn?: 0 | 1, remove?: 0 | 1][];
}
