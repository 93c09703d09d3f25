/** Now as integer microseconds since the epoch: the `ts` unit of docs/events.md. */
const origin = performance.timeOrigin;
export const nowUs = (): number => Math.round((origin + performance.now()) * 1000);

/** A duration in milliseconds rounded to 0.1 ms (sub-ms noise carries no meaning and costs bytes). */
export const ms = (d: number): number => Math.round(d * 10) / 10;
