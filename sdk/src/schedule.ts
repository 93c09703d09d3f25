/*
 * Time-sliced background work. Jobs are iterators: each `next()` is a small unit (redacting one
 * event or one 32 KB chunk of a body, serializing one event). A slice runs units until SLICE_MS
 * have passed, then yields the main thread back to the page and continues in a later task, so the
 * SDK's own work never forms a long task (> 50 ms). Slices are tasks of their own (setTimeout), so
 * the page's tasks run in between.
 *
 * `drain()` runs everything at once: used when the page is being hidden or unloaded, where
 * finishing matters more than smoothness.
 */
import { setTimer } from './clock';

const SLICE_MS = 8;
const jobs: Iterator<unknown>[] = [];
let scheduled = false;

/** Advances the first job by one unit; removes it when it is done or has failed. */
function step(): void {
  try {
    if (!jobs[0].next().done) return;
  } catch {}
  jobs.shift();
}

function slice(): void {
  scheduled = false;
  const end = performance.now() + SLICE_MS;
  while (jobs.length && performance.now() < end) step();
  if (jobs.length) schedule();
}

function schedule(): void {
  if (!scheduled) {
    scheduled = true;
    setTimer(slice);
  }
}

export const enqueue = (job: Iterator<unknown>): void => {
  jobs.push(job);
  schedule();
};

export function drain(): void {
  while (jobs.length) step();
}
