// What the SDK costs a page (issue 5: ≤ 5 % added, no long task attributed to the SDK), in Debian's
// Chromium against the real server: 10 000 console.log calls with object arguments and 200
// sequential fetches to the site server, with and without the SDK.
//
//   npm run bench:overhead     (RUNS=9 LOGS=10000 FETCHES=200 PAIRS=30 to change the defaults)
//
// Chromium runs as a visitor's browser does: started by itself, without the DevTools protocol
// (which reports every console call to its client and makes console.log many times dearer). The
// page (pages/bench-overhead.js) runs by itself and reports here. Two measures:
//  - Whole page, as the issue words it: the same page with the SDK (bench-overhead.html) and
//    without it (bench-overhead-bare.html), a fresh browser each run, alternating; medians of the
//    loops' wall time and of the renderer's CPU time, and the long tasks of each phase. On this
//    2-core machine, shared with the server and this driver, single runs vary by ±25 %, so these
//    medians can only tell large differences apart.
//  - Paired blocks, the precise one: in each run with the SDK, PAIRS pairs of blocks in the same
//    page, one block through the page's own console.log (taken before the SDK loaded) or fetch (a
//    same-origin frame's, whose requests the SDK does not observe) and one through the SDK's
//    wrapper, each block timed up to the next task, so that the SDK's time-sliced work queued by
//    it counts. Added cost: the median over all pairs of (with / without − 1) with a 95 %
//    bootstrap interval, and the ratio of all blocks' totals, which also carries the uploads
//    (they run on the SDK's timer and land in blocks of either kind).
// Of the console calls the SDK keeps what its rate limit lets through (a burst of 200, then 50 a
// second) and counts the rest as dropped; a log in a loop is exactly the case the limit is for.
// After the console loop the fetches meet the same limit: most of them are counted as dropped too,
// which costs the page next to nothing. RATE_LIMIT=off runs the SDK with the limit out of the way
// (bench-overhead-unlimited.html), so that every event is kept: what capturing itself costs.
// STUB=1 sends the SDK's uploads to a stub in this process that answers 200 at once (and serves
// sdk/dist/loupe.js, so build the SDK first; Loupe serves the copy packaged in its jar) instead of Loupe: on this 2-core machine the server's own CPU for
// each upload competes with the page, and the stub tells that apart from what the page pays.
// PROFILE=1 makes no timed runs: one run with the SDK (an unminified build, served by the stub)
// under Chromium's sampling profiler, which prints how much of the paired blocks' time was spent
// in loupe.js and in which of its functions (the 12 dearest; TOPN=40 for more), and the page's main-thread trace events with and
// without the SDK (bench/profile.mjs).
// LATENCY_MS=20 delays the site's answer to each fetch by that much, as a server farther away than
// loopback would (the default, 0, is the harshest case: a fetch then takes a few ms, of which the
// SDK's fixed cost a request is a larger share).
// AA=1 checks the method itself: the "with SDK" runs load the bare page too, and the paired blocks
// compare the page's own console.log and fetch with themselves (window.fetch against the frame's),
// so that every figure should come out near 0 %; how far it strays is the noise floor.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ARGS, CHROMIUM } from '../harness/browser.mjs';
import { INGEST_KEY, startLoupe } from '../harness/loupe.mjs';
import { startSite } from '../harness/site.mjs';
import { mainThreadDiff, sdkShare, trace } from './profile.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const LOGS = Number(process.env.LOGS ?? 10_000);
const FETCHES = Number(process.env.FETCHES ?? 200);
const PAIRS = Number(process.env.PAIRS ?? 30);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 0);
const AA = process.env.AA === '1';
const PROFILE = process.env.PROFILE === '1';
const STUB = PROFILE || process.env.STUB === '1';
const SDK_PAGE = AA ? 'bench-overhead-bare' : process.env.RATE_LIMIT === 'off' ? 'bench-overhead-unlimited' : 'bench-overhead';
const LOG_BLOCK = 500;
const FETCH_BLOCK = 20;
// Longer than the SDK's flush interval (2 s), so that its uploads and queued work fall inside.
const QUIET_MS = 3000;
const RUN_TIMEOUT_MS = 120_000;
// Linux's USER_HZ, in which /proc/<pid>/stat counts CPU time.
const CLOCK_TICKS = 100;

const median = (xs) => {
  const s = xs.toSorted((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const pct = (ratio) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)} %`;

/**
 * CPU time (user + system, ms) of the renderer processes of the browser `root` (its descendants
 * with `--type=renderer`), from /proc: unlike wall time it does not count the time other processes
 * on a busy machine take. One page is open, so this is that page's renderer (plus idle ones, which
 * add nothing).
 */
function rendererCpuMs(root) {
  const parent = new Map();
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    try {
      parent.set(pid, /^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
    } catch {
      // The process ended meanwhile.
    }
  }
  const under = (pid) => {
    for (let p = pid; p && p !== '0'; p = parent.get(p)) if (p === String(root)) return true;
    return false;
  };
  let ticks = 0;
  for (const pid of pids) {
    try {
      if (!under(pid) || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * (1000 / CLOCK_TICKS);
}

/** Receives the page's CPU marks (answered once the renderer's CPU time is read) and its result. */
async function startCollector() {
  let current;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/mark') current?.cpu.set(body, rendererCpuMs(current.browser));
      res.writeHead(204).end();
      if (req.url === '/result') current?.done(JSON.parse(body));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    /** Resolves with the result of the next page, shown in the browser whose process is `browser`, and its CPU marks. */
    next(browser) {
      return new Promise((done, fail) => {
        const cpu = new Map();
        const timer = setTimeout(() => fail(new Error('the benchmark page did not report')), RUN_TIMEOUT_MS);
        current = { browser, cpu, done: (r) => (clearTimeout(timer), done({ ...r, cpu })) };
      });
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

/**
 * One fresh browser on the page; its result with the CPU time of the two loops. `traced`: the
 * result and the trace of the run instead (PROFILE=1).
 */
async function once(siteUrl, collector, withSdk, settings, traced = false) {
  const profile = mkdtempSync(join(tmpdir(), 'loupe-bench-chromium-'));
  // Paired blocks run in the runs with the SDK only.
  const page = `${siteUrl}/${withSdk ? SDK_PAGE : 'bench-overhead-bare'}.html#${encodeURIComponent(JSON.stringify(withSdk ? settings : { ...settings, pairs: 0 }))}`;
  const start = traced ? ['--remote-debugging-port=0', 'about:blank'] : [page];
  const browser = spawn(CHROMIUM, [...ARGS, `--user-data-dir=${profile}`, ...start], { stdio: 'ignore', detached: true });
  const result = collector.next(browser.pid);
  const exited = new Promise((r) => browser.once('exit', r));
  try {
    if (traced) return await trace(profile, page, result);
    const r = await result;
    return { ...r, consoleCpuMs: r.cpu.get('console-end') - r.cpu.get('console'), fetchCpuMs: r.cpu.get('fetch-end') - r.cpu.get('fetch') };
  } finally {
    process.kill(-browser.pid, 'SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Long tasks (or frames) per phase: count and longest. */
function summarise(runs, key) {
  const byPhase = {};
  for (const r of runs) {
    for (const t of r[key]) {
      const p = (byPhase[t.phase] ??= { count: 0, longest: 0 });
      p.count++;
      p.longest = Math.max(p.longest, t.duration);
    }
  }
  return Object.entries(byPhase).map(([phase, { count, longest }]) => `${phase}: ${count} (longest ${fmt(longest)})`).join(', ') || 'none';
}

/** Time spent in the SDK's own script (loupe.js) within long animation frames, and the longest such stretch with what invoked it. */
function sdkInFrames(runs) {
  let total = 0;
  let longest = { duration: 0 };
  let frames = 0;
  for (const r of runs) {
    for (const f of r.frames) {
      const own = f.scripts.filter((s) => s.url.includes('/sdk/loupe.js'));
      if (!own.length) continue;
      frames++;
      for (const s of own) (total += s.duration), s.duration > longest.duration && (longest = { ...s, phase: f.phase });
    }
  }
  return { frames, total, longest };
}

/**
 * A 95 % bootstrap interval of the median of the per-pair added shares (2,000 resamples), in two
 * levels: runs are drawn first, then pairs within each drawn run, since pairs of one run share its
 * browser, JIT state and rate limit, and runs differ more than pairs do.
 */
function medianInterval(perRun) {
  const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
  const resample = () =>
    perRun.flatMap(() => {
      const run = pick(perRun);
      return run.map(() => pick(run));
    });
  const medians = Array.from({ length: 2000 }, () => median(resample())).sort((a, b) => a - b);
  return [medians[50], medians[1949]];
}

/** The paired blocks of all runs: median block times and the median of the per-pair added share. */
function paired(runs, key) {
  const all = runs.map((r) => r[key]);
  const without = all.flatMap((t) => t.without);
  const withSdk = all.flatMap((t) => t.with);
  const perRun = all.map((t) => t.with.map((w, i) => w / t.without[i] - 1));
  const [low, high] = medianInterval(perRun);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  return `${withSdk.length} pairs, block without ${fmt(median(without))}, with ${fmt(median(withSdk))}; added: median of pairs ${pct(median(perRun.flat()))} (95 % interval ${pct(low)} to ${pct(high)}), all blocks ${pct(sum(withSdk) / sum(without) - 1)}`;
}

/**
 * A stand-in for Loupe (STUB=1): the built SDK at /sdk/loupe.js (for PROFILE=1 an unminified
 * build of it), and 200 at once for anything else.
 */
async function startStub() {
  let sdkFile = new URL('../../sdk/dist/loupe.js', import.meta.url).pathname;
  if (PROFILE) {
    sdkFile = join(mkdtempSync(join(tmpdir(), 'loupe-bench-sdk-')), 'loupe.js');
    execFileSync('node', [new URL('../../sdk/scripts/build-unminified.mjs', import.meta.url).pathname, sdkFile], { stdio: 'inherit' });
  }
  const sdk = readFileSync(sdkFile);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url.startsWith('/sdk/loupe.js')) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk);
      res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const stop = () => new Promise((r) => server.close(r)).then(() => PROFILE && rmSync(dirname(sdkFile), { recursive: true, force: true }));
  return { baseUrl: `http://127.0.0.1:${server.address().port}`, stop };
}

const loupe = STUB ? await startStub() : await startLoupe();
const site = await startSite({ loupeUrl: loupe.baseUrl, ingestKey: INGEST_KEY });
const collector = await startCollector();
try {
  const settings = { report: collector.url, logs: LOGS, fetches: FETCHES, quietMs: QUIET_MS, pairs: PAIRS, logBlock: LOG_BLOCK, fetchBlock: FETCH_BLOCK, latencyMs: LATENCY_MS };
  if (PROFILE) {
    console.log(`Chromium (${CHROMIUM}) traced with its sampling profiler; one run with an unminified SDK, client rate limit ${SDK_PAGE == 'bench-overhead' ? 'as by default' : 'off'}; ${PAIRS} pairs; per paired block with the SDK, in ms:`);
    const { events } = await once(site.url, collector, true, settings, true);
    console.log(`  console.log × ${LOG_BLOCK}: ${sdkShare(events, 'console')}`);
    console.log(`  fetch × ${FETCH_BLOCK}: ${sdkShare(events, 'fetch')}`);
    for (const [kind, size] of [['console', LOG_BLOCK], ['fetch', FETCH_BLOCK]]) {
      console.log(`\nthe page's main thread per paired block of ${size} ${kind} calls, ms and times (the events that grew most with the SDK):`);
      console.log(mainThreadDiff(events, kind));
    }
  } else {
    console.log(`Chromium (${CHROMIUM}) without the DevTools protocol; ${RUNS} runs each; ${AA ? 'A/A check (no SDK in either half)' : `client rate limit ${SDK_PAGE == 'bench-overhead' ? 'as by default' : 'off'}`}${STUB ? '; uploads to a stub, not Loupe' : ''}; ${LOGS} console.log calls, ${FETCHES} fetches${LATENCY_MS ? ` answered ${LATENCY_MS} ms late` : ''}; ${PAIRS} pairs of ${LOG_BLOCK} console.log calls and of ${FETCH_BLOCK} fetches per run with the SDK`);
    const runs = { with: [], without: [] };
    // Warm-up (disk caches, the server's JIT), not counted.
    await once(site.url, collector, true, { ...settings, pairs: 0 });
    await once(site.url, collector, false, settings);
    for (let i = 0; i < RUNS; i++) {
      for (const withSdk of i % 2 ? [true, false] : [false, true]) {
        const r = await once(site.url, collector, withSdk, settings);
        runs[withSdk ? 'with' : 'without'].push(r);
        console.log(
          `run ${i + 1} ${withSdk ? 'with SDK   ' : 'without SDK'}: console ${fmt(r.consoleMs)} (CPU ${fmt(r.consoleCpuMs)}), fetch ${fmt(r.fetchMs)} (CPU ${fmt(r.fetchCpuMs)}), long tasks ${r.longTasks.length}`,
        );
      }
    }
    const m = (mode, k) => median(runs[mode].map((r) => r[k]));
    console.log('\nwhole page, medians');
    for (const [k, label] of [
      ['consoleMs', `${LOGS} console.log, wall`],
      ['consoleCpuMs', `${LOGS} console.log, renderer CPU`],
      ['fetchMs', `${FETCHES} fetches, wall`],
      ['fetchCpuMs', `${FETCHES} fetches, renderer CPU`],
    ]) {
      console.log(`  ${label}: without ${fmt(m('without', k))}, with ${fmt(m('with', k))}, added ${pct(m('with', k) / m('without', k) - 1)}`);
    }
    if (PAIRS > 0) {
      console.log('\npaired blocks (same page, timed up to the next task)');
      console.log(`  console.log × ${LOG_BLOCK}: ${paired(runs.with, 'pairedConsole')}`);
      console.log(`  fetch × ${FETCH_BLOCK}: ${paired(runs.with, 'pairedFetch')}`);
    }
    console.log('\nlong tasks (all runs; phases: load, console, fetch, quiet = 3 s after the loops, paired = the paired blocks)');
    console.log(`  without SDK: ${summarise(runs.without, 'longTasks')}`);
    console.log(`  with SDK:    ${summarise(runs.with, 'longTasks')}`);
    console.log('long animation frames over 50 ms');
    console.log(`  without SDK: ${summarise(runs.without, 'frames')}`);
    console.log(`  with SDK:    ${summarise(runs.with, 'frames')}`);
    const own = sdkInFrames(runs.with);
    console.log(`  loupe.js as a script of its own in those frames: ${own.frames} frames, ${fmt(own.total)} in all, longest ${fmt(own.longest.duration)}${own.frames ? ` (${own.longest.invoker}, phase ${own.longest.phase})` : ''}`);
    // The paired blocks have no counterpart without the SDK: name what ran in their long frames.
    const pairedFrames = runs.with.flatMap((r) => r.frames.filter((f) => f.phase === 'paired'));
    const script = (s) => `${s.invoker} in ${s.url ? s.url.split('/').pop() : 'no file (a native callback: the page\'s code after it)'} ${fmt(s.duration)}`;
    if (pairedFrames.length) console.log(`  in the paired blocks: ${pairedFrames.map((f) => `${fmt(f.duration)}: ${f.scripts.map(script).join(', ') || 'no script of 5 ms or more'}`).join('; ')}`);
    const attributions = new Set(runs.with.flatMap((r) => r.longTasks.flatMap((t) => t.attribution.map((a) => `${a.name}/${a.containerType}/${a.containerSrc || '-'}`))));
    console.log(`  long task attributions seen with the SDK: ${[...attributions].join(', ') || 'none'}`);
  }
} finally {
  await collector.close();
  await site.stop();
  await loupe.stop();
}
