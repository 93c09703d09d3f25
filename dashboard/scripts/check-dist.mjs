#!/usr/bin/env node
// Fails the build when dist/ would not run under the server's Content-Security-Policy
// (script-src 'self'; style-src 'self'; no eval) or would not work when served at `/`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const problems = [];
const html = readFileSync(join(dist, 'index.html'), 'utf8');

for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc=/.test(m[1])) problems.push('index.html has an inline <script>');
  if (m[2].trim()) problems.push('index.html has a <script> with a body');
}
if (/<style\b/i.test(html)) problems.push('index.html has an inline <style>');
if (/\sstyle\s*=/i.test(html)) problems.push('index.html has a style="…" attribute');
if (/\son[a-z]+\s*=/i.test(html)) problems.push('index.html has an inline event handler attribute');
for (const m of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
  if (!m[1].startsWith('/assets/')) problems.push(`index.html refers to ${m[1]} (expected /assets/…)`);
}

for (const file of readdirSync(join(dist, 'assets'))) {
  const text = readFileSync(join(dist, 'assets', file), 'utf8');
  if (file.endsWith('.js')) {
    if (/\beval\s*\(/.test(text)) problems.push(`${file} calls eval`);
    if (/\bnew Function\s*\(/.test(text)) problems.push(`${file} uses new Function`);
  }
  if (file.endsWith('.css') && /url\(\s*['"]?data:/i.test(text)) problems.push(`${file} inlines a data: URL`);
}

if (problems.length) {
  console.error(`check-dist: the build breaks the dashboard's CSP rules:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('check-dist: dist/ respects the CSP (no inline script or style, no eval, assets under /assets/)');
