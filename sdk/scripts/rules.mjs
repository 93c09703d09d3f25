// Compiles rules/redaction.json — the file the server applies — into the small ES module the SDK
// bundles as `loupe:rules` (see src/rules.d.ts). Used by the build (an esbuild plugin) and by the
// tests (a Vite plugin), so both always see the file as it is on disk.
//
// Only what the runtime needs survives: no `about` prose, no field names. Name lists become one
// case-insensitive anchored regular expression each, the json_keys patterns one alternation,
// prefilter literals a case-insensitive alternation (and all rules' needs one more, anyValueRule),
// min_digits an anchored test for that many digits, and actions a flag (1 = remove; mask and
// hash both mask in the page, which cannot hold the server's HMAC key). Patterns are emitted as
// regular expression literals, which also checks at build time that each is valid JavaScript.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const RULES_FILE = resolve(import.meta.dirname, '../../rules/redaction.json');

const fail = (msg) => {
  throw new Error('rules/redaction.json: ' + msg);
};
const literal = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// RegExp#source escapes '/' and line terminators, so the result is a valid literal.
const regex = (source, flags) => String(new RegExp(source, flags));
const flagsOf = (o) => ((o.flags || '').replace('i', '') ? fail('only the flag "i" is supported') : o.flags || '');
const remove = (o) => (['mask', 'hash', 'remove'].includes(o.action) ? +(o.action == 'remove') : fail('unknown action ' + o.action));
const names = (list) => regex(`^(?:${list.map(literal).join('|')})$`, 'i');

/** The JavaScript module text for the rules in `json` (the text of rules/redaction.json). */
export function compileRules(json) {
  const r = JSON.parse(json);
  const { headers, json_keys, query_params, values } = r;
  // Whether any value rule could apply to a string, as one test: each rule needs one of its
  // prefilter literals or, without any, min_digits digits (a rule with neither always applies).
  const digits = (v) => `^(?:\\D*\\d){${v.min_digits | 0}}`;
  const needs = values.map((v) => (v.prefilter?.length ? v.prefilter.map(literal).join('|') : digits(v)));
  // Where every rule has one or the other, the page makes it from the rules' own prefilters and
  // digit tests, whose sources are those alternatives (fewer bytes than writing them twice).
  const any = values.every((v) => v.prefilter?.length || v.min_digits)
    ? 'RegExp(valueRules.map((r)=>(r[2]||r[3]).source).join("|"),"i")'
    : regex(needs.join('|'), 'i');
  const rules = values.map((v) => {
    if (v.check && v.check != 'luhn') fail('unknown check ' + v.check);
    const pre = v.prefilter?.length ? regex(v.prefilter.map(literal).join('|'), 'i') : 0;
    // min_digits as an anchored test: counting digits by deleting the rest is several times slower.
    // Trailing zeros are left out: an absent field reads as none, as 0 does.
    return `[${JSON.stringify(v.kind)},${regex(v.pattern, flagsOf(v) + 'g')},${pre},${v.min_digits ? regex(digits(v)) : 0},${+(v.check == 'luhn')},${remove(v)}]`.replace(/(,0)+]$/, ']');
  });
  return [
    `export const headerNames=${names(headers.names)},headerRemove=${remove(headers)};`,
    `export const keyPattern=${regex(json_keys.patterns.map((p) => (p.includes('|') ? `(?:${p})` : p)).join('|'), flagsOf(json_keys))},keyRemove=${remove(json_keys)};`,
    `export const queryNames=${names(query_params.names)},queryRemove=${remove(query_params)};`,
    `export const valueRules=[${rules.join(',')}],anyValueRule=${any};`,
  ].join('\n');
}

export const compiledRules = () => compileRules(readFileSync(RULES_FILE, 'utf8'));

/** The esbuild plugin that resolves `loupe:rules` to the compiled rules. */
export const rulesPlugin = {
  name: 'loupe-rules',
  setup(b) {
    b.onResolve({ filter: /^loupe:rules$/ }, () => ({ path: 'rules', namespace: 'loupe' }));
    b.onLoad({ filter: /.*/, namespace: 'loupe' }, () => ({ contents: compiledRules(), loader: 'js' }));
  },
};
