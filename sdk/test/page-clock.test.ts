// A page that replaces the timers or the clock after the SDK started (a test's fake timers, such as
// Cypress's cy.clock() or Jasmine's mock clock, which fire only when told; a frozen Date.now): the
// SDK keeps the ones it started with.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { init } from '../src/index';
import { uploadedEvents } from './capture';

const page = { setTimeout: globalThis.setTimeout, now: Date.now };
afterEach(() => {
  globalThis.setTimeout = page.setTimeout;
  Date.now = page.now;
  vi.useRealTimers();
});

describe('a page that fakes its timers or clock after init', () => {
  it('still has its events sent and its rate limit refilled', async () => {
    const sent = uploadedEvents();
    // The SDK's clock is the one it found at init: here vitest's, which the test moves.
    vi.useFakeTimers({ toFake: ['Date'] });
    const loupe = init({ key: 'pk_c', endpoint: 'https://loupe.test', flushInterval: 10, burst: 2, maxEventsPerSecond: 1, disable: ['performance', 'navigation', 'actions'] })!;
    // A fake setTimeout that never fires, and a clock that stands still.
    globalThis.setTimeout = (() => 1e6) as unknown as typeof setTimeout;
    Date.now = () => 1_700_000_000_000;
    for (const m of ['a', 'b', 'dropped']) loupe.info(m);
    vi.setSystemTime(page.now() + 5000);
    loupe.info('after 5 s');
    await vi.waitFor(() => expect(sent.filter((e) => e.type == 'log.info').map((e) => e.data.message)).toEqual(['a', 'b', 'after 5 s']));
  });
});
