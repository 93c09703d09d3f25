/**
 * The drop-in build: `<script src=".../sdk/loupe.js" data-key="…" data-endpoint="…">` starts the
 * SDK from its own data-* attributes (data-batch-size="50" is the option batchSize; numbers and
 * true/false are read as such; data-disable lists observers, e.g. "console,websocket"). Without data-endpoint the
 * server is the script's own origin (the server serves the script at /sdk/loupe.js), and the
 * screenshot plugin is loaded from beside the script. `window.loupe` is the API either way, so a
 * page can also call `loupe.init({...})` itself.
 */
import { api } from './entry';

(window as any).loupe ||= api;
const script = document.currentScript as HTMLScriptElement | null;
const d = script?.dataset;
if (d?.key) {
  const src = script!.src;
  const options: any = { endpoint: new URL(src).origin, screenshotUrl: src.replace(/[^/]*$/, 'loupe-screenshot.js') };
  for (const k of Object.keys(d)) {
    // JSON values (numbers, true, false) as such; the key and anything else as text. data-disable
    // stays a string: observers are looked up in it by name.
    options[k] = d[k];
    if (k != 'key')
      try {
        options[k] = JSON.parse(d[k]!);
      } catch {}
  }
  api.init(options);
}
