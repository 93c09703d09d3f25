// The in-page half of bench/overhead.mjs: times console.log calls with object arguments and
// sequential fetches, and collects the long tasks (and long animation frames, which name the
// scripts involved) of each phase: the console loop, the fetch loop, and a quiet window after them
// in which the SDK finishes its own queued work and uploads.
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

const nextTask = () => new Promise((r) => setTimeout(r));

// The phases run as separate calls, so that the driver can read the renderer's CPU time around each.
const marks = {};

window.benchConsole = async (logs) => {
  await nextTask();
  marks.t0 = performance.now();
  for (let i = 0; i < logs; i++) console.log('bench item', { i, name: 'widget', tags: ['a', 'b'], nested: { price: 9.99, ok: true } });
  marks.t1 = performance.now();
  return marks.t1 - marks.t0;
};

window.benchFetch = async (fetches) => {
  await nextTask();
  marks.t2 = performance.now();
  for (let i = 0; i < fetches; i++) await (await fetch('/api/json?i=' + i)).json();
  marks.t3 = performance.now();
  return marks.t3 - marks.t2;
};

/** A quiet window: whatever long task happens now is background work (the SDK's, if loaded). Then the long tasks of all phases. */
window.benchQuiet = async (quietMs) => {
  await new Promise((r) => setTimeout(r, quietMs));
  const { t0, t1, t2, t3 } = marks;
  const t4 = performance.now();
  // By overlap, not by start: the task that runs the console loop starts a little before t0.
  const phase = ({ start, duration }) => {
    const end = start + duration;
    const overlaps = (from, to) => start < to && end > from;
    return overlaps(t0, t1) ? 'console' : overlaps(t2, t3) ? 'fetch' : overlaps(t3, t4) ? 'quiet' : end <= t0 ? 'load' : 'other';
  };
  return {
    longTasks: longTasks.map((t) => ({ ...t, phase: phase(t) })),
    frames: frames.filter((f) => f.duration > 50).map((f) => ({ ...f, phase: phase(f) })),
  };
};
window.__benchReady = true;
