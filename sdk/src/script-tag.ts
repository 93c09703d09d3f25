/**
 * The drop-in build: `<script src=".../sdk/loupe.js" data-key="…" data-endpoint="…">` starts the
 * SDK from its own data-* attributes. Without data-endpoint the server is the script's own origin
 * (the server serves the script at /sdk/loupe.js). `window.loupe` is the API either way, so a page
 * can also call `loupe.init({...})` itself.
 */
import * as api from './index';
import type { Options } from './options';

const w = window as any;
w.loupe ||= api;
const script = document.currentScript as HTMLScriptElement | null;
const d = script?.dataset;
if (d?.key) {
  const num = (v: string | undefined) => (v ? +v : undefined);
  const base = script!.src.replace(/\/[^/]*$/, '');
  const options: Options = {
    key: d.key,
    endpoint: d.endpoint || new URL(script!.src).origin,
    sampleRate: num(d.sampleRate),
    maskAttribute: d.maskAttribute,
    ignoreAttribute: d.ignoreAttribute,
    screenshots: d.screenshots == 'true',
    screenshotUrl: base + '/loupe-screenshot.js',
    batchSize: num(d.batchSize),
    flushInterval: num(d.flushInterval),
    maxQueue: num(d.maxQueue),
    captureBodies: d.captureBodies != 'false',
    disable: d.disable ? d.disable.split(',').map((s) => s.trim()) : undefined,
  };
  api.init(options);
}
