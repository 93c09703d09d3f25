// What the SDK costs a page (issue 5: ≤ 5 % added, no long task attributed to the SDK). In Debian's
// Chromium, against the real server: 10 000 console.log calls with object arguments and 200
// sequential fetches to the site server, timed with and without the SDK in alternating runs
// (medians reported) in wall time and in the renderer's CPU time (steadier on a busy machine), plus
// the long tasks and long animation frames seen in each phase. Of the console calls the SDK keeps
// what its rate limit lets through (a burst of 200, then 50 a second) and counts the rest as dropped.
//
//   npm run bench:overhead            (RUNS=7 LOGS=10000 FETCHES=200 to change the defaults)
//
// Without the SDK the page is the same, its SDK script answered with an empty one. Each run is a
// fresh browser context. Playwright keeps the DevTools protocol's Runtime domain enabled, so every
// console.log is also reported over it, with and without the SDK alike: that makes console.log
// dearer than in a browser without DevTools attached, and the SDK's share of it smaller.
import { readdirSync, readFileSync } from 'node:fs';
import { startStack } from '../harness/sdk-page.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const LOGS = Number(process.env.LOGS ?? 10_000);
const FETCHES = Number(process.env.FETCHES ?? 200);
// Longer than the SDK's flush interval (2 s), so that its uploads and queued work fall inside.
const QUIET_MS = 3000;
// Linux's USER_HZ, in which /proc/<pid>/stat counts CPU time.
const CLOCK_TICKS = 100;

const median = (xs) => {
  const s = xs.toSorted((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const pct = (a, b) => `${(((a - b) / b) * 100).toFixed(1)} %`;

/**
 * CPU time (user + system, ms) of Chromium's renderer processes, from /proc: unlike wall time it
 * does not count the time other processes on a busy machine take. NaN where /proc is unavailable.
 * One page is open at a time, so this is that page's renderer (plus idle ones, which add nothing).
 */
function rendererCpuMs() {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process ended meanwhile.
      }
    }
  } catch {
    return NaN;
  }
  return ticks * (1000 / CLOCK_TICKS);
}

async function once(browser, url, withSdk) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (!withSdk) await page.route('**/sdk/loupe.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  await page.goto(url);
  await page.waitForFunction(() => window.__benchReady && document.readyState === 'complete');
  let cpu = rendererCpuMs();
  const consoleMs = await page.evaluate((n) => window.benchConsole(n), LOGS);
  const consoleCpuMs = rendererCpuMs() - cpu;
  cpu = rendererCpuMs();
  const fetchMs = await page.evaluate((n) => window.benchFetch(n), FETCHES);
  const fetchCpuMs = rendererCpuMs() - cpu;
  const tasks = await page.evaluate((ms) => window.benchQuiet(ms), QUIET_MS);
  await context.close();
  return { consoleMs, consoleCpuMs, fetchMs, fetchCpuMs, ...tasks };
}

/** Long tasks per phase: count and longest. */
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

/** Time spent in the SDK's own script (loupe.js) within long animation frames, and the longest such stretch. */
function sdkInFrames(runs) {
  let total = 0;
  let longest = 0;
  let frames = 0;
  for (const r of runs) {
    for (const f of r.frames) {
      const own = f.scripts.filter((s) => s.url.includes('/sdk/loupe.js'));
      if (!own.length) continue;
      frames++;
      for (const s of own) (total += s.duration), (longest = Math.max(longest, s.duration));
    }
  }
  return { frames, total, longest };
}

const stack = await startStack();
try {
  const url = `${stack.site.url}/bench-overhead.html`;
  console.log(`Chromium ${stack.browser.version()}, ${RUNS} runs each, ${LOGS} console.log calls, ${FETCHES} fetches`);
  const runs = { with: [], without: [] };
  // Warm-up (caches, JIT of the page and of the server), not counted.
  await once(stack.browser, url, true);
  await once(stack.browser, url, false);
  for (let i = 0; i < RUNS; i++) {
    for (const withSdk of i % 2 ? [true, false] : [false, true]) {
      const r = await once(stack.browser, url, withSdk);
      runs[withSdk ? 'with' : 'without'].push(r);
      console.log(
        `run ${i + 1} ${withSdk ? 'with SDK   ' : 'without SDK'}: console ${fmt(r.consoleMs)} (CPU ${fmt(r.consoleCpuMs)}), fetch ${fmt(r.fetchMs)} (CPU ${fmt(r.fetchCpuMs)}), long tasks ${r.longTasks.length}`,
      );
    }
  }
  const m = (mode, k) => median(runs[mode].map((r) => r[k]));
  console.log('\nmedians');
  for (const [k, label] of [
    ['consoleMs', `${LOGS} console.log, wall`],
    ['consoleCpuMs', `${LOGS} console.log, renderer CPU`],
    ['fetchMs', `${FETCHES} fetches, wall`],
    ['fetchCpuMs', `${FETCHES} fetches, renderer CPU`],
  ]) {
    console.log(`  ${label}: without ${fmt(m('without', k))}, with ${fmt(m('with', k))}, added ${pct(m('with', k), m('without', k))}`);
  }
  console.log('\nlong tasks (all runs; phases: load, console, fetch, quiet = 3 s after the loops)');
  console.log(`  without SDK: ${summarise(runs.without, 'longTasks')}`);
  console.log(`  with SDK:    ${summarise(runs.with, 'longTasks')}`);
  console.log('long animation frames over 50 ms');
  console.log(`  without SDK: ${summarise(runs.without, 'frames')}`);
  console.log(`  with SDK:    ${summarise(runs.with, 'frames')}`);
  const own = sdkInFrames(runs.with);
  console.log(`  loupe.js as a script of its own in those frames: ${own.frames} frames, ${fmt(own.total)} in all, longest ${fmt(own.longest)}`);
  const attributions = new Set(runs.with.flatMap((r) => r.longTasks.flatMap((t) => t.attribution.map((a) => `${a.name}/${a.containerType}/${a.containerSrc || '-'}`))));
  console.log(`  long task attributions seen with the SDK: ${[...attributions].join(', ') || 'none'}`);
} finally {
  await stack.stop();
}
