/*
 * Redaction before anything leaves the page, compiled at build time from the same
 * rules/redaction.json the server applies (scripts/rules.mjs; never copied, so the two cannot
 * drift). Semantics, in order:
 *  - in any object whose key ends in `_headers`, listed header names are removed or masked;
 *  - any key anywhere matching a json_keys pattern has its whole value masked or removed;
 *  - URL-valued strings (http://, https://, ws://, wss:// or /, containing '?') get listed query
 *    parameters masked;
 *  - form-encoded `*body` strings (`name=value&…`, under 64 KB) are treated like a query string,
 *    whose names are also matched against the json_keys patterns;
 *  - every string is checked against the value rules: a rule runs only when one of its prefilter
 *    literals occurs (case-insensitively) and the string has at least `min_digits` digits (one
 *    combined test, anyValueRule, first passes over the many strings that no rule can apply to);
 *    `check: "luhn"` keeps only matches that pass Luhn.
 * Masks read `[REDACTED:<kind>]` (header, key, query, or the value rule's kind). `hash` masks: the
 * SDK cannot hold the server's HMAC key.
 *
 * redactValue is a generator so that the time-sliced scheduler can pause inside big values:
 * strings over CHUNK characters (request and response bodies) are redacted a chunk at a time, cut
 * at a character that none of the value patterns can contain inside a match (comma, angle
 * bracket, brace, semicolon), and never inside a JSON member or a value rule's match; a chunk
 * without such a character near its end is cut hard. The rest of a value is one plain walk.
 *
 * One addition to the server's semantics: members of JSON held as text (request and response
 * bodies, console messages) whose key matches json_keys are masked too, since the server sees
 * those bodies only as opaque strings.
 */
import { anyValueRule, headerNames, headerRemove, keyPattern, keyRemove, queryNames, queryRemove, valueRules } from 'loupe:rules';
import { luhn } from './luhn';

const mask = (kind: string) => `[REDACTED:${kind}]`;
const URL_START = /^(https?:\/\/|wss?:\/\/|\/)/i;

export const CHUNK = 32768;
// Not '"' (it would split a JSON member from its value) nor newlines (a PEM block spans lines).
const BOUNDARY = ',;<>{}';
// A JSON member with a scalar value, inside text (bodies, messages); objects are walked by key.
// It starts at a quote that no backslash escapes (no member starts at one, and with it the
// character before): in a long run of text that ends inside a string holding escaped quotes
// (JSON inside a JSON string, cut into chunks) the search would otherwise run to the end of the
// text again from each of them, quadratic in its length.
// A string value may also run to the end of the text (a body cut at its limit, or a window of it):
// its key still masks what there is of it.
const JSON_MEMBER = /(^|[^\\])"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*(?:"|\\?$)|[-\d.eE+]+|true|false|null)/g;
// The rest of a string value to its closing quote (sticky: see redactValue).
const STRING_END = /(?:[^"\\]|\\.)*"/y;

// What a chunk cut must not fall inside (see redactValue): pattern, prefilter, min_digits test.
const SPANS: [RegExp, RegExp | 0, RegExp | 0][] = [[JSON_MEMBER, 0, 0], ...valueRules.map(([, re, pre, min]): [RegExp, RegExp | 0, RegExp | 0] => [re, pre, min])];

// A form-encoded body, as the server tells it apart: name=value pairs joined by '&', nothing else.
const FORM = /^[^\s=&{}[\]"]+=[^\s&]*(&[^\s=&]+=[^\s&]*)*$/;

/** `name=value&…` with the values of listed query parameters (and with `keys`, of json_keys names) masked. */
function redactPairs(q: string, keys?: unknown): string {
  return q
    .split('&')
    .flatMap((p) => {
      const raw = p.split('=')[0];
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {}
      return queryNames.test(name) || (keys && keyPattern.test(name)) ? (queryRemove ? [] : raw + '=' + mask('query')) : p;
    })
    .join('&');
}

/** Whether a value rule's prefilter and min_digits test (0: none) let it apply to `s`. */
const applies = (pre: RegExp | 0, min: RegExp | 0, s: string) => (!pre || pre.test(s)) && (!min || min.test(s));

/** A string with every rule applied (no chunking; see redactValue for large strings). */
export function redactString(s: string): string {
  // The query of a URL: from the first '?' to the fragment.
  if (URL_START.test(s)) s = s.replace(/\?([^#]*)/, (_, q) => '?' + redactPairs(q));
  // Beyond the server (which sees bodies as opaque strings): sensitive keys in JSON text.
  if (s.includes('":')) s = s.replace(JSON_MEMBER, (m, pre, k, sep) => (keyPattern.test(k) ? `${pre}"${k}"${sep}"${mask('key')}"` : m));
  // One test first: most strings need no value rule at all.
  if (anyValueRule.test(s))
    for (const [kind, re, pre, min, check, remove] of valueRules) {
      if (applies(pre, min, s)) {
        s = s.replace(re, (m) => (check && !luhn(m) ? m : remove ? '' : mask(kind)));
      }
    }
  return s;
}

/**
 * Redacts `o[k]` in place (objects and arrays are changed, strings replaced), `key` being its key
 * for the rules. Strings over CHUNK characters (request and response bodies) are left as they are
 * and listed in `long`, for redactValue to do a chunk at a time.
 */
function walk(o: any, k: string, key: string, long: [any, string][]): void {
  let v = o[k];
  if (typeof v == 'string') {
    // A form-encoded body (`*body`, under 64 KB, as the server has it): its pairs like a query's,
    // names also matched against json_keys.
    if (key.endsWith('body') && v.length < 65536 && FORM.test(v)) v = redactPairs(v, 1);
    o[k] = v.length > CHUNK ? (long.push([o, k]), v) : redactString(v);
  } else if (v && typeof v == 'object') {
    // Array indices are no keys: only the elements are looked at.
    const named = !Array.isArray(v);
    const isHeaders = named && key.endsWith('_headers');
    for (const n of Object.keys(v)) {
      const kind = isHeaders && headerNames.test(n) ? 'header' : named && keyPattern.test(n) ? 'key' : '';
      if (!kind) walk(v, n, n, long);
      else if (kind == 'header' ? headerRemove : keyRemove) delete v[n];
      else v[n] = mask(kind);
    }
  }
}

/**
 * `v` redacted in place, as a job of the time-sliced scheduler: one plain walk does all but the
 * long strings, then each of those is redacted a chunk at a time, yielding after each. An event
 * of small strings (most events) is so one unit of work, and a large body is paused inside.
 * (A generator for every value, yielding after every string, made redaction most of what a
 * kept event cost while the SDK's code is not yet optimized, as it mostly is not in a page.)
 */
export function* redactValue(v: unknown): Generator<void, unknown> {
  const box = { v };
  const long: [any, string][] = [];
  walk(box, 'v', '', long);
  for (const [o, k] of long) {
    const s: string = o[k];
    let out = '';
    for (let i = 0, j; i < s.length; i = j) {
      j = Math.min(i + CHUNK, s.length);
      // Cut before a boundary character in the last 2 KB of the chunk, if there is one...
      for (let b = j; j < s.length && b > j - 2048; b--)
        if (BOUNDARY.includes(s[b])) {
          j = b;
          break;
        }
      // ...but never inside a JSON member (its key decides whether its value is masked, and a
      // string value may hold a boundary character) nor inside a value rule's match (a hard cut
      // through an email, a long token or a private key block): past the end of one that spans
      // the cut. They are looked for from the chunk's start (where JSON is read from a member's
      // start, not from inside a string value) to CHUNK characters past the first cut (for one
      // that goes on further, see below). Moving the cut may put it inside another one, so this
      // is repeated, at most four times (a fixed window: linear time, whatever the text).
      const w = s.slice(i, j + CHUNK);
      for (let at = 0, n = 4; n-- && j < s.length && at != j; ) {
        at = j;
        for (const [re, pre, min] of SPANS) {
          if (!applies(pre, min, w)) continue;
          for (const m of w.matchAll(re)) {
            const end = m.index! + m[0].length;
            if (m.index! + i >= j) break;
            if (end < w.length) j = Math.max(j, i + end);
            // One that reaches the window's end may go on. A private key block without its END
            // line is masked to the end of the text, so the rest is one chunk (in one unit); a
            // JSON member whose key masks it ends with its value, however long. Any other
            // member's value may be cut (a match of a rule inside it is a span of its own).
            else if (re != JSON_MEMBER) j = s.length;
            // (Only a string value can be that long: it is followed from after its opening quote.)
            else if (keyPattern.test(m[2])) {
              STRING_END.lastIndex = i + end - m[4].length + 1;
              j = STRING_END.test(s) ? STRING_END.lastIndex : s.length;
            }
          }
        }
      }
      out += redactString(s.slice(i, j));
      yield;
    }
    o[k] = out;
  }
  return box.v;
}

/** Runs redactValue to completion: for small values off the time-sliced path. */
export function redact<T>(v: T): T {
  const it = redactValue(v);
  let r;
  while (!(r = it.next()).done);
  return r.value as T;
}
