/** Now as integer microseconds since the epoch: the `ts` unit of docs/events.md. */
const origin = performance.timeOrigin;
export const nowUs = (): number => Math.round((origin + performance.now()) * 1000);

/** A duration in milliseconds rounded to 0.1 ms (sub-ms noise carries no meaning and costs bytes). */
export const ms = (d: number): number => Math.round(d * 10) / 10;

/*
 * setTimeout, clearTimeout and Date.now as the page had them at init (`keepClock`; before, as it
 * has them now). A page may replace them later with fakes, a test's fake timers (Cypress's
 * cy.clock(), Jasmine's mock clock) that fire only when told, or a frozen Date.now: the SDK's own
 * timers must still fire and its clock still run, or delivery stops and the rate limit never
 * refills.
 */
export let setTimer = (fn: () => unknown, ms?: number): any => setTimeout(fn, ms);
export let clearTimer = (id: any): void => clearTimeout(id);
export let dateNow = (): number => Date.now();

export function keepClock(): void {
  const [set, clear, now] = [setTimeout, clearTimeout, Date.now];
  setTimer = (fn, ms) => set(fn, ms);
  clearTimer = (id) => clear(id);
  dateNow = () => now();
}
