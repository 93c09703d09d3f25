// A page that replaces the timers or the clock after the SDK started (a test's fake timers, such as
// Jasmine's mock clock, or Cypress's cy.clock() called once the app runs, which fire only when
// told; a frozen Date.now): the SDK keeps the browser's own, which it found at init.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { init } from '../src/index';
import { uploadedEvents } from './capture';

const page = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, now: Date.now };
afterEach(() => {
  Object.assign(globalThis, { setTimeout: page.setTimeout, clearTimeout: page.clearTimeout });
  Date.now = page.now;
  vi.useRealTimers();
});

describe('a page that fakes its timers or clock after init', () => {
  it('still has its events sent and its rate limit refilled', async () => {
    const sent = uploadedEvents();
    // The SDK keeps the browser's own functions, which read as native code. Here: vitest's clock,
    // which the test moves, and Node's setTimeout, each bound so as to read as native code.
    vi.useFakeTimers({ toFake: ['Date'] });
    Date.now = Date.now.bind(Date);
    globalThis.setTimeout = page.setTimeout.bind(globalThis) as typeof setTimeout;
    globalThis.clearTimeout = page.clearTimeout.bind(globalThis);
    const loupe = init({ key: 'pk_c', endpoint: 'https://loupe.test', flushInterval: 10, burst: 2, maxEventsPerSecond: 1, disable: ['performance', 'navigation', 'actions'] })!;
    // A fake setTimeout that never fires, and a clock that stands still.
    globalThis.setTimeout = (() => 1e6) as unknown as typeof setTimeout;
    Date.now = () => 1_700_000_000_000;
    for (const m of ['a', 'b', 'dropped']) loupe.info(m);
    vi.setSystemTime(new Date(1_800_000_000_000));
    loupe.info('after 5 s');
    await vi.waitFor(() => expect(sent.filter((e) => e.type == 'log.info').map((e) => e.data.message)).toEqual(['a', 'b', 'after 5 s']));
  });
});
