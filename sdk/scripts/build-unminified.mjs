// `node scripts/build-unminified.mjs <file>`: loupe.js as the build makes it but not minified, so
// that a profile names the SDK's functions and lines (e2e/bench/overhead.mjs, PROFILE=1). Not
// part of dist/, which Loupe serves.
import { build } from 'esbuild';
import { rulesPlugin } from './rules.mjs';

await build({
  plugins: [rulesPlugin],
  bundle: true,
  target: 'es2022',
  logLevel: 'warning',
  entryPoints: [new URL('../src/script-tag.ts', import.meta.url).pathname],
  format: 'iife',
  outfile: process.argv[2],
});
