// Events a page still makes once it is left (its own pagehide, visibilitychange or unload
// listeners, which run after the SDK's pagehide flush) go at once: the timers that would send them
// never run in a page being unloaded.
import { beforeAll, expect, it, vi } from 'vitest';
import { init, type Loupe } from '../src/index';
import { uploadedEvents } from './capture';

const beacons: any[] = [];
let loupe: Loupe;

beforeAll(() => {
  uploadedEvents();
  Object.defineProperty(navigator, 'sendBeacon', { value: vi.fn((_u: string, b: string) => beacons.push(JSON.parse(b)) > 0), configurable: true });
  loupe = init({ key: 'pk_1', endpoint: 'https://loupe.test/', disable: ['performance'], burst: 8, maxEventsPerSecond: 0.001 });
});

const beaconed = () => beacons.flatMap((b) => b.events);

it('sends what the page makes after its pagehide, once that task is done, with the drops it counts', async () => {
  dispatchEvent(new PageTransitionEvent('pagehide'));
  expect(beaconed().map((e) => e.type)).toContain('page.unload');
  beacons.length = 0;
  // A listener of the page's own, after the SDK's: ten events in one task, more than the rate
  // limit has room for.
  for (let i = 0; i < 10; i++) loupe.track('saved', { i });
  expect(beacons).toEqual([]);
  await Promise.resolve();
  expect(beacons).toHaveLength(1);
  const [drops, ...kept] = beaconed();
  expect(drops.type).toBe('system.client_drops');
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.map((e) => e.data.i)).toEqual(Array.from({ length: kept.length }, (_, i) => i));
  expect(kept.length + drops.data.drops.rate_limited).toBe(10);
});

it('queues events as usual again once the page is back from the back/forward cache, from its first visibilitychange', async () => {
  // Chromium: shown again before pageshow; a listener of the page's own hears of it before the SDK's.
  document.addEventListener('visibilitychange', () => loupe.track('shown', {}), { once: true });
  beacons.length = 0;
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  loupe.track('back', {});
  await Promise.resolve();
  expect(beacons).toEqual([]);
});
