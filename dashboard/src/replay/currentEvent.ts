/**
 * Which row is "now" during replay: the last one that started at or before the playhead
 * (binary search over start offsets sorted ascending). -1 before the first.
 */
export function currentIndex(startsMs: readonly number[], positionMs: number): number {
  let lo = 0;
  let hi = startsMs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startsMs[mid] <= positionMs) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The screenshot on screen at `positionMs`: the latest taken at or before it, else the first. */
export function currentScreenshotIndex(offsetsMs: readonly number[], positionMs: number): number {
  if (offsetsMs.length === 0) return -1;
  return Math.max(0, currentIndex(offsetsMs, positionMs));
}
