// The timers and clock the SDK keeps at init: the browser's own (functions that read as native
// code), never a page's fakes, which it follows instead, so that it works again once the page
// restores the browser's own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateNow, keepClock, setTimer } from '../src/clock';

const page = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, now: Date.now };
afterEach(() => {
  Object.assign(globalThis, { setTimeout: page.setTimeout, clearTimeout: page.clearTimeout });
  Date.now = page.now;
});

describe('keepClock', () => {
  it('follows fakes that are in place at init, and the browser’s own once the page restores them', async () => {
    globalThis.setTimeout = (() => 0) as unknown as typeof setTimeout;
    Date.now = () => 1;
    keepClock();
    expect(dateNow()).toBe(1);
    Object.assign(globalThis, { setTimeout: page.setTimeout });
    Date.now = page.now;
    const fired = vi.fn();
    setTimer(fired);
    await vi.waitFor(() => expect(fired).toHaveBeenCalled());
    expect(dateNow()).toBeGreaterThan(1.7e12);
  });
});
