import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drain, enqueue } from '../src/schedule';

let clock = 0;
beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});
afterEach(() => vi.useRealTimers());

/** A job of `units` steps, each "taking" 3 ms of the mocked clock. */
function* job(log: number[], units: number) {
  for (let i = 0; i < units; i++) {
    clock += 3;
    log.push(i);
    yield;
  }
}

describe('time-sliced work', () => {
  it('does nothing on the caller path and yields to the page after each 8 ms slice', () => {
    const log: number[] = [];
    enqueue(job(log, 10));
    expect(log).toEqual([]); // the caller returns at once
    vi.advanceTimersToNextTimer();
    expect(log).toEqual([0, 1, 2]); // 9 ms: the slice ends, the rest waits for the next task
    vi.advanceTimersToNextTimer();
    expect(log).toEqual([0, 1, 2, 3, 4, 5]);
    vi.runAllTimers();
    expect(log).toHaveLength(10);
  });

  it('runs jobs in order and survives a job that throws', () => {
    const log: string[] = [];
    enqueue((function* () { log.push('a'); })());
    enqueue((function* () { throw new Error('bad job'); })());
    enqueue((function* () { log.push('c'); })());
    vi.runAllTimers();
    expect(log).toEqual(['a', 'c']);
  });

  it('drains everything at once when the page is going away', () => {
    const log: number[] = [];
    enqueue(job(log, 50));
    drain();
    expect(log).toHaveLength(50);
  });
});
