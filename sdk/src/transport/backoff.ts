/*
 * Retry delays: exponential backoff with "full jitter" — a uniformly random delay between 0 and
 * min(cap, base · 2^attempt). Randomizing the whole interval (not just adding a little noise)
 * spreads the retries of many pages that failed together, so a recovering server is not hit by
 * synchronized waves. A server's Retry-After is a floor: the delay is never shorter.
 */
export const BASE_MS = 1000;
export const CAP_MS = 60000;

/** Delay before retry number `attempt` (1-based), at least `floorMs`. */
export const backoff = (attempt: number, floorMs = 0): number =>
  Math.max(floorMs, Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt));

/** A Retry-After header (seconds or an HTTP date) in ms from now; 0 when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number {
  if (!header) return 0;
  const s = +header;
  if (s >= 0) return s * 1000;
  const d = Date.parse(header);
  return d > now ? d - now : 0;
}
