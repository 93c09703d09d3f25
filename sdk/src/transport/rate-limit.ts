/**
 * A token bucket on events per second: `burst` tokens at most, refilled at `rate` per second.
 * Lets a page's start-up burst through while a console.log in a tight loop is cut to `rate`.
 * The returned function takes a token, false when there is none.
 */
export function tokenBucket(rate: number, burst: number): () => boolean {
  let tokens = burst;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) * rate) / 1000);
    last = now;
    return tokens >= 1 && tokens-- > 0;
  };
}
