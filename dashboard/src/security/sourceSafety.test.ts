import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Guards the rules the XSS test cannot prove for code not yet written: no HTML from strings,
 * no code from strings, no inline styles from markup (the CSP forbids them).
 */
const SRC = resolve(process.cwd(), 'src'); // Vitest runs from dashboard/
const FORBIDDEN: [RegExp, string][] = [
  [/dangerouslySetInnerHTML/, 'dangerouslySetInnerHTML'],
  [/\.(inner|outer)HTML\b/, 'innerHTML/outerHTML'],
  [/insertAdjacentHTML/, 'insertAdjacentHTML'],
  [/document\.write/, 'document.write'],
  [/\beval\s*\(/, 'eval'],
  [/new Function\s*\(/, 'new Function'],
  [/style=["'{]\s*["'`]/, 'a style string (use a style object)'],
  [/setAttribute\(\s*['"](style|on\w+)['"]/, 'setAttribute(style/on*)'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('source safety', () => {
  const files = sourceFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(FORBIDDEN)('no file uses %s', (pattern, what) => {
    const offenders = files.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(offenders, `${what} in ${offenders.join(', ')}`).toEqual([]);
  });
});
