// The in-page half of bench/overhead.mjs, which opens this page in Chromium without the DevTools
// protocol (as a visitor's browser runs it) with its settings in the URL's fragment. It runs by
// itself and reports to the driver:
//  1. the whole-page phases: a loop of console.log calls with object arguments, a loop of
//     sequential fetches, then a quiet window in which the SDK finishes its queued work and
//     uploads; around each loop it asks the driver to read the renderer's CPU time;
//  2. when the driver asks for them (runs with the SDK, or an A/A check), paired blocks (benchPaired below);
//  3. the long tasks, and the long animation frames (which name the scripts involved), by phase
//     (load, console, fetch, quiet, paired).
const longTasks = [];
const frames = [];
const observeEntries = (type, fn) => {
  if (PerformanceObserver.supportedEntryTypes.includes(type)) new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true });
};
observeEntries('longtask', (e) =>
  longTasks.push({ start: e.startTime, duration: e.duration, attribution: e.attribution.map((a) => ({ name: a.name, containerType: a.containerType, containerSrc: a.containerSrc })) }),
);
observeEntries('long-animation-frame', (e) =>
  frames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration, scripts: e.scripts.map((s) => ({ url: s.sourceURL, invoker: s.invoker, duration: s.duration })) }),
);

// The page's own console.log, taken before the SDK loads (this script runs first). The page's own
// fetch comes from a same-origin frame (see run()): its requests are in that frame's resource
// timing, which the SDK does not observe, so a fetch there costs the SDK nothing at all. The driver
// is talked to through it as well.
const nativeLog = console.log;
let nativeFetch;
const nextTask = () => new Promise((r) => setTimeout(r));

const logLoop = (log, n) => {
  for (let i = 0; i < n; i++) log.call(console, 'bench item', { i, name: 'widget', tags: ['a', 'b'], nested: { price: 9.99, ok: true } });
};
// The site's answer is delayed by `latencyMs` where the driver asks (LATENCY_MS): a server farther
// away than this machine's loopback.
let delay = '';
const fetchLoop = async (f, n) => {
  for (let i = 0; i < n; i++) await (await f(location.origin + '/api/json?i=' + i + delay)).json();
};

/**
 * Paired blocks in this one page: `perBlock` calls through the page's own console.log (or fetch),
 * then as many through the SDK's wrapper, alternating which goes first. A block's time includes
 * the next task, so that the SDK's time-sliced work queued by the block (redaction and
 * serialization, which start in a task of their own) is counted in it. Uploads run on the SDK's
 * timer (every 2 s, or per 20 events) and land in blocks of either kind: only totals include them.
 * Same renderer, same JIT state, same moment: what differs between the two halves of a pair is
 * only the SDK.
 */
async function benchPaired(kind, pairs, perBlock) {
  const times = { without: [], with: [] };
  for (let p = 0; p < pairs; p++) {
    for (const mode of p % 2 ? ['with', 'without'] : ['without', 'with']) {
      await nextTask();
      // For PROFILE=1 (bench/profile.mjs): the block's bounds in a trace, outside its timing.
      performance.mark(`B-${kind}-${mode}`);
      const t = performance.now();
      if (kind == 'console') logLoop(mode == 'with' ? console.log : nativeLog, perBlock);
      else await fetchLoop(mode == 'with' ? (u) => window.fetch(u) : nativeFetch, perBlock);
      await nextTask();
      times[mode].push(performance.now() - t);
      performance.mark(`E-${kind}-${mode}`);
    }
  }
  return times;
}

/** The long tasks and long animation frames (over 50 ms) so far, each with the phase it overlaps. */
function longEntries(marks) {
  const { t0, t1, t2, t3, t4, t5 } = marks;
  // By overlap, not by start: the task that runs the console loop starts a little before t0.
  const phase = ({ start, duration }) => {
    const end = start + duration;
    const overlaps = (from, to) => start < to && end > from;
    return overlaps(t0, t1) ? 'console' : overlaps(t2, t3) ? 'fetch' : overlaps(t3, t4) ? 'quiet' : overlaps(t4, t5) ? 'paired' : end <= t0 ? 'load' : 'other';
  };
  return {
    longTasks: longTasks.map((t) => ({ ...t, phase: phase(t) })),
    frames: frames.filter((f) => f.duration > 50).map((f) => ({ ...f, phase: phase(f) })),
  };
}

async function run({ report, logs, fetches, quietMs, pairs, logBlock, fetchBlock, latencyMs }) {
  if (latencyMs) delay = '&delay=' + latencyMs;
  const frame = document.body.appendChild(document.createElement('iframe'));
  frame.hidden = true;
  nativeFetch = (url, init) => frame.contentWindow.fetch(url, init);
  // The driver answers once it has read the renderer's CPU time.
  const cpuMark = (name) => nativeFetch(report + 'mark', { method: 'POST', mode: 'no-cors', body: name });
  await nextTask();
  const marks = {};
  await cpuMark('console');
  marks.t0 = performance.now();
  logLoop(console.log, logs);
  marks.t1 = performance.now();
  await cpuMark('console-end');
  await nextTask();
  await cpuMark('fetch');
  marks.t2 = performance.now();
  await fetchLoop((u) => window.fetch(u), fetches);
  marks.t3 = performance.now();
  await cpuMark('fetch-end');
  await new Promise((r) => setTimeout(r, quietMs));
  marks.t4 = performance.now();
  const result = { consoleMs: marks.t1 - marks.t0, fetchMs: marks.t3 - marks.t2 };
  if (pairs) {
    result.pairedConsole = await benchPaired('console', pairs, logBlock);
    result.pairedFetch = await benchPaired('fetch', pairs, fetchBlock);
  }
  marks.t5 = performance.now();
  Object.assign(result, longEntries(marks));
  await nativeFetch(report + 'result', { method: 'POST', mode: 'no-cors', body: JSON.stringify(result) });
}

if (location.hash.length > 1) addEventListener('load', () => run(JSON.parse(decodeURIComponent(location.hash.slice(1)))));
