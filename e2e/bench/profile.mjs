// PROFILE=1 for bench/overhead.mjs: where the SDK's time goes in the paired blocks. One more run
// with the SDK, under Chromium's tracing with its sampling CPU profiler (1 sample per 100 µs of
// the page's main thread), through a browser-level DevTools connection: the page itself is never
// attached, so its console and network cost what they cost a visitor. The page marks each paired
// block (performance.mark), and every sample is charged to the innermost loupe.js function on its
// stack, so that what the SDK's code calls into (Headers, its uploads, setTimeout, the regular
// expressions) counts for it; the original console.log or fetch that a wrapper calls does not. Samples in which loupe.js ran between the blocks (work the blocks
// queued, run after their next task) are listed apart. Tracing and sampling slow the page down,
// so only the shares mean anything, not the times themselves.
// The same trace also gives the page's main-thread trace events (tasks, timers, callbacks into
// JavaScript, garbage collection) in the blocks with and without the SDK, side by side with their
// counts: what the SDK makes the browser itself do, which a JavaScript profile does not show (it
// found the call into JavaScript per header that Headers.forEach makes).
import WebSocket from 'ws';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const CATEGORIES = ['blink.user_timing', 'disabled-by-default-v8.cpu_profiler', 'toplevel', 'devtools.timeline', 'v8', 'blink'];
const SDK_SCRIPT = '/sdk/loupe.js';

/** The DevTools endpoint of a browser started with --remote-debugging-port=0 and `profileDir`. */
async function browserEndpoint(profileDir) {
  for (let i = 0; i < 300; i++) {
    try {
      const [port, path] = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n');
      return `ws://127.0.0.1:${port}${path}`;
    } catch {
      await sleep(50);
    }
  }
  throw new Error('Chromium did not open its DevTools port');
}

/**
 * Traces the browser (started on about:blank with --remote-debugging-port=0) while it opens
 * `pageUrl` and until `finished` resolves; returns the trace's events.
 */
export async function trace(profileDir, pageUrl, finished) {
  const ws = new WebSocket(await browserEndpoint(profileDir));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const events = [];
  const send = (method, params = {}) => ws.send(JSON.stringify({ id: ++id, method, params }));
  const complete = new Promise((resolve) =>
    ws.on('message', (raw) => {
      const m = JSON.parse(raw);
      if (m.method === 'Tracing.dataCollected') events.push(...m.params.value);
      if (m.method === 'Tracing.tracingComplete') resolve();
    }),
  );
  send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  send('Target.createTarget', { url: pageUrl });
  const result = await finished;
  send('Tracing.end');
  await complete;
  ws.close();
  return { result, events };
}

const frameName = (f) => `${f.functionName || '(anonymous)'}:${f.lineNumber + 1}`;

/** The paired blocks of `kind` (console, fetch) from the page's marks, and the page's main thread. */
function pairedBlocks(events, kind) {
  const marks = events.filter((e) => e.cat === 'blink.user_timing' && /^[BE]-/.test(e.name) && e.name.split('-')[1] === kind);
  if (!marks.length) return undefined;
  const blocks = [];
  const open = {};
  for (const m of marks.sort((a, b) => a.ts - b.ts)) {
    const [edge, , mode] = m.name.split('-');
    if (edge === 'B') open[mode] = m.ts;
    else blocks.push({ mode, from: open[mode], to: m.ts });
  }
  return { blocks, pid: marks[0].pid, tid: marks[0].tid, n: blocks.filter((b) => b.mode === 'with').length };
}

/**
 * The SDK's share of the paired blocks of `kind` (console, fetch), per pair: the wall time of the
 * block with the SDK, the sampled time in loupe.js in it and the functions that took most of it;
 * and the time in loupe.js that fell in the block without the SDK (uploads, timers) or between
 * blocks.
 */
export function sdkShare(events, kind) {
  const paired = pairedBlocks(events, kind);
  if (!paired) return `no marks for ${kind}`;
  const { blocks, pid, tid } = paired;
  const first = blocks[0].from;
  const last = blocks[blocks.length - 1].to;
  // The CPU profile of that thread: its nodes (a call tree) and samples with time deltas. The
  // profile starts on the thread; its chunks come from the profiler's own thread, by the same id.
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) return 'no CPU profile of the page';
  const nodes = new Map();
  const samples = [];
  let t = profile.args.data.startTime;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
    for (const n of cpuProfile.nodes ?? []) nodes.set(n.id, n);
    (cpuProfile.samples ?? []).forEach((id, i) => samples.push({ id, ts: (t += timeDeltas[i]) }));
  }
  // The innermost loupe.js frame of each node, if any. A wrapper's own frame (guard.ts, wrap())
  // and what it calls that is not the SDK's code do not count: that is the wrapped original,
  // console.log or fetch itself, the page's own cost (the profiler charges an original that is a
  // V8 builtin, as console.log is, to its caller). The wrapper's own few lines are left out with it.
  const sdkFrame = new Map();
  const isSdk = (n) => n?.callFrame.url?.endsWith(SDK_SCRIPT);
  const isWrapper = (n) => isSdk(n) && n.callFrame.functionName === 'wrapper';
  const innermost = (id) => {
    if (sdkFrame.has(id)) return sdkFrame.get(id);
    const n = nodes.get(id);
    const parent = nodes.get(n?.parent);
    const own = !n || isWrapper(n) ? undefined : isSdk(n) ? frameName(n.callFrame) : isWrapper(parent) ? undefined : innermost(n.parent);
    sdkFrame.set(id, own);
    return own;
  };
  if (![...nodes.values()].some(isWrapper)) return 'no wrapper frame in the profile (was wrap() in guard.ts renamed?)';
  const withBlocks = blocks.filter((b) => b.mode === 'with');
  const inBlock = (ts) => blocks.find((b) => ts >= b.from && ts < b.to);
  const byFunction = {};
  let inside = 0;
  let elsewhere = 0;
  let between = 0;
  for (let i = 0; i + 1 < samples.length; i++) {
    const { id, ts } = samples[i];
    if (ts < first || ts >= last) continue;
    const fn = innermost(id);
    if (!fn) continue;
    const us = samples[i + 1].ts - ts;
    const block = inBlock(ts);
    if (block?.mode === 'with') (inside += us), (byFunction[fn] = (byFunction[fn] ?? 0) + us);
    else if (block) elsewhere += us;
    else between += us;
  }
  const n = withBlocks.length;
  const ms = (us) => (us / n / 1000).toFixed(2);
  const wall = withBlocks.reduce((s, b) => s + b.to - b.from, 0);
  const top = Object.entries(byFunction)
    .sort((a, b) => b[1] - a[1])
    .slice(0, +(process.env.TOPN ?? 12))
    .map(([fn, us]) => `${fn} ${ms(us)}`)
    .join(', ');
  return `block ${ms(wall)} ms with the SDK, of which loupe.js ${ms(inside)} ms (and ${ms(elsewhere)} ms in the block without it, ${ms(between)} ms between blocks); by function (line of the unminified build): ${top}`;
}

/**
 * The page's main-thread trace events in the paired blocks of `kind`, per block with and without
 * the SDK: total duration (ms) and count of each event name, the `top` that differ most. Nested
 * events are each counted (a timer's task and the function it calls), so the rows do not add up.
 */
export function mainThreadDiff(events, kind, top = 15) {
  const paired = pairedBlocks(events, kind);
  if (!paired) return `no marks for ${kind}`;
  const { blocks, pid, tid, n } = paired;
  const per = { with: new Map(), without: new Map() };
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== pid || e.tid !== tid || e.cat === 'blink.user_timing') continue;
    const block = blocks.find((b) => e.ts >= b.from && e.ts < b.to);
    if (!block) continue;
    const row = per[block.mode].get(e.name) ?? { us: 0, count: 0 };
    per[block.mode].set(e.name, { us: row.us + (e.dur ?? 0), count: row.count + 1 });
  }
  const get = (mode, name) => per[mode].get(name) ?? { us: 0, count: 0 };
  const rows = [...new Set([...per.with.keys(), ...per.without.keys()])]
    .map((name) => ({ name, w: get('with', name), wo: get('without', name) }))
    .sort((a, b) => b.w.us - b.wo.us - (a.w.us - a.wo.us))
    .slice(0, top);
  const ms = (us) => (us / n / 1000).toFixed(2).padStart(7);
  const count = (c) => (c / n).toFixed(1).padStart(6);
  return [
    `  ${'with'.padStart(7)} ${'×'.padStart(6)} ${'without'.padStart(7)} ${'×'.padStart(6)}  main-thread trace event`,
    ...rows.map(({ name, w, wo }) => `  ${ms(w.us)} ${count(w.count)} ${ms(wo.us)} ${count(wo.count)}  ${name}`),
  ].join('\n');
}
