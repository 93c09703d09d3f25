/** Now as integer microseconds since the epoch: the `ts` unit of docs/events.md. */
export const origin = performance.timeOrigin;
export const nowUs = (): number => Math.round((origin + performance.now()) * 1000);

/** A duration in milliseconds rounded to 0.1 ms (sub-ms noise carries no meaning and costs bytes). */
export const ms = (d: number): number => Math.round(d * 10) / 10;

/*
 * setTimeout, clearTimeout and Date.now as the browser has them at init (`keepClock`), where they
 * are its own; else, and before init, as the page has them at the moment. A page may replace them
 * later with fakes, a test's fake timers (Jasmine's mock clock, Cypress's cy.clock() called once
 * the app runs) that fire only when told, or a frozen Date.now: the SDK's own timers must still
 * fire and its clock still run, or delivery stops and the rate limit never refills. Fakes that are
 * in place at init (cy.clock() before the app loads) are followed, so that the SDK works again
 * once the page restores the browser's own.
 */
export let setTimer = (fn: () => unknown, ms?: number): any => setTimeout(fn, ms);
export let clearTimer = (id: any): void => clearTimeout(id);
export let dateNow = (): number => Date.now();

const builtIn = (f: Function) => /\[native code\] *}$/.test(Function.prototype.toString.call(f));

export const keepClock = (): void => {
  const set = setTimeout;
  const clear = clearTimeout;
  const now = Date.now;
  if (builtIn(set) && builtIn(clear)) (setTimer = (fn, ms) => set(fn, ms)), (clearTimer = (id) => clear(id));
  if (builtIn(now)) dateNow = () => now();
};
