/*
 * Redaction before anything leaves the page, compiled at build time from the same
 * rules/redaction.json the server applies (scripts/rules.mjs; never copied, so the two cannot
 * drift). Semantics, in order:
 *  - in any object whose key ends in `headers` (any case), listed header names are removed or
 *    masked, and those matching a json_keys pattern masked as keys;
 *  - any key anywhere matching a json_keys pattern has its whole value masked or removed;
 *  - URLs (http://, https://, ws://, wss://) anywhere in a string, and a whole string that is a
 *    relative URL (starts with '/'), a query ('?…') or a fragment ('#…'), get listed query
 *    parameters masked in their query and in their fragment, each part of it from a '#' to the
 *    next on its own: after its '?' (a hash route's query, `#/callback?code=…`), else all of it
 *    when it holds a '=' (`#access_token=…`, `#a=1#token=…`). The value of every other parameter,
 *    URL-decoded, is redacted as a URL in turn (`?next=%2Freset%3Ftoken%3D…`,
 *    `?to=https://b/?code=…`; encoded twice, decoded once more), three levels down at most (no
 *    input recurses deeper, and the work stays linear), and the value rules (and, beyond the
 *    server, JSON members) are applied to it decoded (`?e=jane%40example.com`,
 *    `?c=4242+4242+…`). It is put back only when something in it was masked: encoded
 *    (encodeURIComponent) if it was, as it is if it held nothing to decode. Decoding is lenient:
 *    an escape that does not decode (Latin-1's `%E9`, a stray '%') stays as it is and the rest
 *    is still looked into; a value that cannot be encoded back (a lone surrogate) is left as it
 *    is. The server does the same;
 *  - form-encoded strings under a key ending in `body`, any case (`name=value&…`, under 64 KB) are treated like a query string,
 *    whose names are also matched against the json_keys patterns;
 *  - every string is checked against the value rules: a rule runs only when one of its prefilter
 *    literals occurs (case-insensitively) and the string has at least `min_digits` digits (one
 *    combined test, anyValueRule, first passes over the many strings that no rule can apply to);
 *    `check: "luhn"` keeps only matches that pass Luhn, or the part of one that does: its longest
 *    prefix, else suffix, between separators (a card number followed by a CVV).
 * Masks read `[REDACTED:<kind>]` (header, key, query, or the value rule's kind). `hash` masks: the
 * SDK cannot hold the server's HMAC key.
 *
 * redactValue is a generator so that the time-sliced scheduler can pause inside big values:
 * strings over CHUNK characters (request and response bodies) are redacted a chunk at a time, cut
 * at a character that none of the value patterns can contain inside a match (comma, angle
 * bracket, brace, semicolon), and never inside a JSON member, a URL or a value rule's match; a
 * chunk without such a character near its end is cut hard. The rest of a value is one plain walk.
 *
 * One addition to the server's semantics: members of JSON held as text (request and response
 * bodies, console messages) whose key matches json_keys are masked too, objects and arrays under
 * such keys whole, and so are those of JSON held in a JSON string, one level down: the server
 * parses only bodies that are whole JSON.
 */
import { anyValueRule, headerNames, headerRemove, keyPattern, keyRemove, queryNames, queryRemove, valueRules } from 'loupe:rules';
import { luhn } from './luhn';

const mask = (kind: string) => `[REDACTED:${kind}]`;
// A URL in text ends at white space, a quote, an angle bracket or a backslash (JSON-escaped text),
// but for the escapes a JSON encoder may put in a URL: '\/' (PHP) and '\u0026' (Go).
const URL_IN_TEXT = /(?:https?|wss?):(?:\/\/|\\\/\\\/)(?:[^\s"'`<>\\]|\\\/|\\u0026)+/gi;

export const CHUNK = 32768;
// Not '"' (it would split a JSON member from its value) nor newlines (a PEM block spans lines).
const BOUNDARY = ',;<>{}';
// A JSON member inside text (bodies, messages; objects are walked by key): its key and a scalar
// value, or (empty) where an object or array value opens (see closing). A string value may run to
// the end of the text (a body cut at its limit, or a window of it): its key still masks what there
// is of it. It starts at a quote that no backslash escapes (no member starts at one, and with it
// the character before): in a long run of text that ends inside a string holding escaped quotes
// (JSON inside a JSON string, cut into chunks) the search would otherwise run to the end of the
// text again from each of them, quadratic in its length.
const JSON_MEMBER = /(^|[^\\])"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*(?:"|\\?$)|[-\d.eE+]+|true|false|null|(?=[[{]))/g;

// A member of JSON held in a JSON string, its quotes escaped: key and scalar value. In the value,
// `\\` is an escaped backslash of the inner JSON and takes the character after it (a quote of
// the inner string is `\\\"`).
const ESCAPED_MEMBER = /\\"((?:[^"\\]|\\[^"])*)\\"(\s*:\s*)(\\"(?:[^"\\]|\\[^"\\]|\\\\(?:[^"\\]|\\.))*\\"|[-\d.eE+]+|true|false|null)/g;

/** The end of the JSON string, object or array that starts at `i` in `s` (or the end of `s`). */
const closing = (s: string, i: number): number => {
  for (let depth = 0, str = 0; i < s.length; i++) {
    const c = s[i];
    if (str) {
      if (c == '\\') i++;
      else if (c == '"' && !(str = 0) && !depth) return i + 1;
    } else if (c == '"') str = 1;
    else if (c == '{' || c == '[') depth++;
    else if ((c == '}' || c == ']') && !--depth) return i + 1;
  }
  return s.length;
};

/** A value rule's prefilter or min_digits test; 0 or undefined: none. */
type Test = RegExp | 0 | undefined;

// What a chunk cut must not fall inside (see redactValue): pattern, prefilter, min_digits test
// (absent: none).
// Whether text may hold a member of JSON held in a JSON string (a colon may follow the key after
// spaces, as pretty printers write it).
const ESCAPED_KEY = /\\"\s*:/;

const SPANS: [RegExp, Test?, Test?][] = [[JSON_MEMBER], [ESCAPED_MEMBER, ESCAPED_KEY], [URL_IN_TEXT, /:\\?\/\\?\//], ...valueRules.map(([, re, pre, min]): [RegExp, Test, Test] => [re, pre, min])];

// A form-encoded body, as the server tells it apart: pairs joined by '&', nothing else, with at
// least one '=' (a pair may be a bare name, and a pair empty: `remember&password=x&`).
const FORM = /^(?=\S*=)[^\s=&{}[\]"]+(=[^\s&]*)?(&([^\s=&]+(=[^\s&]*)?)?)*$/;

/**
 * `name=value&…` with the values of listed query parameters (and with `keys`, of json_keys names)
 * masked, and the URLs held in other values redacted, `n` more URLs down.
 */
const redactPairs = (q: string, n: number, keys?: unknown): string => {
  // Pairs and the separators between them: '&', and in text '&amp;' (HTML) or '\u0026' (JSON).
  const parts = q.split(/(&(?:amp;)?|\\u0026)/);
  let out = '';
  for (let i = 0, kept = 0; i < parts.length; i += 2) {
    let p = parts[i];
    const raw = p.split('=')[0];
    const v = p.slice(raw.length + 1);
    const name = decode(raw);
    // A URL in the value (`next=%2Freset%3Ftoken%3D…`), once decoded (or twice), is redacted like
    // this one, `n` more URLs down at most, and put back (encoded if it was) only when that
    // changed it (see nested). A masked one is looked into too, to no effect: no test for that
    // (bytes). A value that cannot be encoded back (a lone surrogate) is left as it is.
    try {
      const r = nested(v, n);
      if (r != v) p = raw + '=' + r;
    } catch {}
    // A bare name (`?token`) has no value to mask, and is left as it is (as the server does).
    const listed = p.includes('=') && (queryNames.test(name) || (keys && keyPattern.test(name)));
    // A removed pair goes with the separator before it (after it, for the first).
    if (!listed || !queryRemove) out += (kept++ ? parts[i - 1] : '') + (listed ? raw + '=' + mask('query') : p);
  }
  return out;
};

/**
 * `s` decoded as a form's names and values are ('+' a space), leniently: in a run of escapes that
 * is not UTF-8 (Latin-1's `%E9`) only the ASCII ones are decoded, a '%' without two hex digits
 * stays as it is, and the rest is still decoded and looked into (decodeURIComponent would refuse
 * the whole value).
 */
const decode = (s: string): string =>
  s.replace(/\+/g, ' ').replace(/(%[\da-f]{2})+/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m.replace(/%[0-7][\da-f]/gi, decodeURIComponent);
    }
  });

/**
 * A parameter's value `v`, decoded, with the URL it holds redacted `n` URLs down and the value
 * rules applied; or, with nothing to redact, decoded once more (a value encoded twice,
 * `%252Fcb%253Fcode%253D…`) as one more level. Throws where encoding does (a lone surrogate).
 */
const nested = (v: string, n: number): string => {
  // A value that decoding leaves as it is, without a URL, is for the rules on the whole string.
  if (!n || !/[%+?#]/.test(v)) return v;
  const d = decode(v);
  // The URL it holds; then what the escapes hid from the value rules (`jane%40example.com`,
  // `4242+4242+…`) and, beyond the server, JSON members (`state=%7B%22password%22…`).
  let r = redactText(redactUrl(d, n - 1));
  if (r == d && d != v) r = nested(d, n - 1);
  return r == d ? v : d == v ? r : encodeURIComponent(r);
};

/**
 * A URL (or a query or fragment alone) with listed parameters masked in its query and its
 * fragment, and in the URLs held in their values, `n` more URLs down (see above).
 */
const redactUrl = (u: string, n = 3): string =>
  u.replace(/([?#])([^#]*)/g, (_, c: string, p: string) => {
    const q = c == '#' ? p.indexOf('?') : -1;
    return c + (q >= 0 ? p.slice(0, q + 1) + redactPairs(p.slice(q + 1), n) : c == '?' || p.includes('=') ? redactPairs(p, n) : p);
  });

/**
 * A value rule's replacement `out` for its match `m`: with the Luhn check, only for what passes it,
 * all of `m` or its longest prefix, else suffix, that ends or starts at a separator.
 */
const checked = (m: string, check: 0 | 1 | undefined, out: string): string => {
  if (!check || luhn(m)) return out;
  // A match holds digits and separators (space, dash): a separator is what sorts before '0'.
  for (let i = m.length; i--; ) if (m[i] < '0' && luhn(m.slice(0, i))) return out + m.slice(i);
  for (let i = 0; i < m.length; i++) if (m[i] < '0' && luhn(m.slice(i + 1))) return m.slice(0, i + 1) + out;
  return m;
};

/** Whether a value rule's prefilter and min_digits test (0: none) let it apply to `s`. */
const applies = (pre: Test, min: Test, s: string) => (!pre || pre.test(s)) && (!min || min.test(s));

/** A string with every rule applied (no chunking; see redactValue for large strings). */
export const redactString = (s: string): string => {
  // A relative URL, a query or a fragment as the whole string; the URLs in it.
  if (/^[/?#]/.test(s)) s = redactUrl(s);
  // (Not replace's offset for `n`.)
  if (/:\\?\/\\?\//.test(s)) s = s.replace(URL_IN_TEXT, (u) => redactUrl(u));
  return redactText(s);
};

/** `s` with sensitive JSON members in it masked, and the value rules applied. */
const redactText = (s: string): string => {
  // Beyond the server (which parses only bodies that are whole JSON): sensitive keys in JSON
  // text. A masked object or array is masked whole: the search goes on after it.
  // (A colon may follow the key after spaces: pretty printers write `"key" : value`.)
  if (/"\s*:/.test(s)) {
    let out = '';
    let from = 0;
    for (let m; (m = JSON_MEMBER.exec(s)); )
      if (keyPattern.test(m[2])) {
        const end = m.index + m[0].length;
        out += s.slice(from, m.index) + `${m[1]}"${m[2]}"${m[3]}"${mask('key')}"`;
        from = JSON_MEMBER.lastIndex = m[4] ? end : closing(s, end);
      }
    s = out + s.slice(from);
  }
  // And in JSON held in a JSON string (a payload encoded twice), one level down.
  if (ESCAPED_KEY.test(s)) s = s.replace(ESCAPED_MEMBER, (m, k, sep) => (keyPattern.test(k) ? `\\"${k}\\"${sep}\\"${mask('key')}\\"` : m));
  // One test first: most strings need no value rule at all.
  if (anyValueRule.test(s))
    for (const [kind, re, pre, min, check, remove] of valueRules) {
      if (applies(pre, min, s)) {
        s = s.replace(re, (m) => checked(m, check, remove ? '' : mask(kind)));
      }
    }
  return s;
};

/**
 * Redacts `o[k]` in place (objects and arrays are changed, strings replaced), `key` being its key
 * for the rules. Strings over CHUNK characters (request and response bodies) are left as they are
 * and listed in `long`, for redactValue to do a chunk at a time.
 */
const walk = (o: any, k: string, key: string, long: [any, string][]): void => {
  let v = o[k];
  if (typeof v == 'string') {
    // A form-encoded body (a key ending in `body` in any case, under 64 KB, as the server has it):
    // its pairs like a query's, names also matched against json_keys.
    if (/body$/i.test(key) && v.length < 65536 && FORM.test(v)) v = redactPairs(v, 3, 1);
    o[k] = v.length > CHUNK ? (long.push([o, k]), v) : redactString(v);
  } else if (v && typeof v == 'object') {
    // Array indices are no keys: only the elements are looked at.
    const named = !Array.isArray(v);
    // Headers: an object under a key ending in `headers`, in any case (as the server has it).
    const isHeaders = named && /headers$/i.test(key);
    for (const n of Object.keys(v)) {
      const kind = isHeaders && headerNames.test(n) ? 'header' : named && keyPattern.test(n) ? 'key' : '';
      if (!kind) walk(v, n, n, long);
      else if (kind == 'header' ? headerRemove : keyRemove) delete v[n];
      else v[n] = mask(kind);
    }
  }
};

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
      // How far the sensitive members followed so far reach: one inside it is not followed again
      // (nested ones would each be scanned to their end, quadratic in their depth).
      let covered = 0;
      for (let at = 0, n = 4; n-- && j < s.length && at != j; ) {
        at = j;
        for (const [re, pre, min] of SPANS) {
          if (!applies(pre, min, w)) continue;
          for (const m of w.matchAll(re)) {
            const end = m.index! + m[0].length;
            if (m.index! + i >= j) break;
            const member = re == JSON_MEMBER;
            // A JSON member whose key masks it ends with its value, however long (an object or
            // array, or a string that reaches the window's end); that of any other key may be
            // cut (a match of a rule inside it is a span of its own). A value rule's match that
            // reaches the window's end may go on: a private key block without its END line is
            // masked to the end of the text, so the rest is one chunk (in one unit).
            if (member && keyPattern.test(m[2]) && (end == w.length || !m[4])) i + m.index! < covered || (j = Math.max(j, (covered = closing(s, i + end - m[4].length))));
            else if (end < w.length) j = Math.max(j, i + end);
            else if (!member) j = s.length;
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
export const redact = <T>(v: T): T => {
  const it = redactValue(v);
  let r;
  while (!(r = it.next()).done);
  return r.value as T;
};
