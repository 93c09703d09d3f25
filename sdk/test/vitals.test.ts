// The web vitals as measured by the SDK (web-vitals 4 semantics), on a scripted PerformanceObserver.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { measureVitals, vitalAttribution, type Vital } from '../src/observers/performance';

class FakeObserver {
  static supportedEntryTypes = ['paint', 'largest-contentful-paint', 'layout-shift', 'event', 'first-input'];
  types: string[] = [];
  options: any[] = [];
  records: any[] = [];
  disconnected = false;
  constructor(readonly cb: (list: { getEntries(): any[] }) => void) {
    observers.push(this);
  }
  observe(o: any) {
    this.types.push(o.type);
    this.options.push(o);
  }
  disconnect() {
    this.disconnected = true;
  }
  takeRecords() {
    return this.records.splice(0);
  }
}
let observers: FakeObserver[] = [];
const live = (type: string, threshold?: number) =>
  observers.filter((o) => o.types.includes(type) && !o.disconnected && (threshold == null || o.options[0].durationThreshold == threshold));
/** Delivers entries as the browser would, to every observer of the type. */
const deliver = (type: string, entries: object[], threshold?: number) => live(type, threshold).forEach((o) => o.cb({ getEntries: () => entries.slice() }));

/** An event as the browser makes it for the user's input (one a page dispatches is not trusted). */
const trusted = <E extends Event>(e: E): E => Object.defineProperty(e, 'isTrusted', { value: true });

let visibility = 'visible';
const setVisibility = (state: string) => {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
};
const nav = { type: 'navigate', responseStart: 120, activationStart: 0, workerStart: 0, fetchStart: 1, domainLookupStart: 2, connectStart: 3, connectEnd: 4, domInteractive: 300, domContentLoadedEventStart: 350, domComplete: 900 };

let sent: { name: string; value: number; id: string; nav: string; entries: number }[];
const start = () => {
  const out = sent; // an earlier test's instance keeps its own
  measureVitals((m: Vital) => out.push({ name: m._name, value: m._value, id: m._id, nav: m._nav, entries: m._entries.length }));
};
const values = (name: string) => sent.filter((m) => m.name == name).map((m) => m.value);

beforeEach(() => {
  observers = [];
  sent = [];
  visibility = 'visible';
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  vi.stubGlobal('PerformanceEventTiming', class { get interactionId() { return 0; } });
  vi.stubGlobal('requestIdleCallback', (fn: () => void) => setTimeout(fn, 1));
  Object.defineProperty(document, 'visibilityState', { get: () => visibility, configurable: true });
  Object.defineProperty(document, 'hidden', { get: () => visibility == 'hidden', configurable: true });
  vi.spyOn(performance, 'now').mockReturnValue(5000);
  vi.spyOn(performance, 'getEntriesByType').mockImplementation(((type: string) => (type == 'navigation' ? [nav] : [])) as any);
});
afterEach(() => {
  vi.unstubAllGlobals();
  setVisibility('visible');
});

describe('web vitals', () => {
  it('FCP: the first-contentful-paint entry, once', () => {
    start();
    deliver('paint', [{ name: 'first-paint', startTime: 90 }, { name: 'first-contentful-paint', startTime: 100 }]);
    expect(sent).toEqual([expect.objectContaining({ name: 'FCP', value: 100, nav: 'navigate', entries: 1 })]);
    expect(live('paint')).toHaveLength(0);
  });

  it('FCP and LCP do not count paints after the page was first hidden', () => {
    start();
    setVisibility('hidden');
    setVisibility('visible');
    deliver('paint', [{ name: 'first-contentful-paint', startTime: 1e9 }]);
    deliver('largest-contentful-paint', [{ startTime: 1e9 }]);
    setVisibility('hidden');
    expect(sent).toEqual([]);
  });

  it('LCP: the latest candidate, final at the first click (when idle) and sent once', async () => {
    start();
    deliver('largest-contentful-paint', [{ startTime: 800 }, { startTime: 1200 }]);
    const lcp = live('largest-contentful-paint')[0];
    lcp.records.push({ startTime: 1500 });
    expect(sent).toEqual([]);
    // A click the page dispatches itself is no input of the user's: LCP goes on.
    window.dispatchEvent(new MouseEvent('click'));
    await new Promise((r) => setTimeout(r, 5));
    expect(values('LCP')).toEqual([]);
    window.dispatchEvent(trusted(new MouseEvent('click')));
    expect(values('LCP')).toEqual([]); // not during the click's own handling
    await vi.waitFor(() => expect(values('LCP')).toEqual([1500]));
    expect(lcp.disconnected).toBe(true);
    setVisibility('hidden');
    window.dispatchEvent(trusted(new KeyboardEvent('keydown')));
    await new Promise((r) => setTimeout(r, 5));
    expect(values('LCP')).toEqual([1500]);
  });

  it('CLS: starts after FCP; the largest session window, sent when hidden and changed', () => {
    start();
    expect(live('layout-shift')).toHaveLength(0);
    deliver('paint', [{ name: 'first-contentful-paint', startTime: 100 }]);
    deliver('layout-shift', [
      { startTime: 1000, value: 0.05 },
      { startTime: 1500, value: 0.05 }, // same window (gap < 1 s)
      { startTime: 1600, value: 0.3, hadRecentInput: true }, // after input: ignored
      { startTime: 3000, value: 0.02 }, // new window
      { startTime: 3500, value: 0.02 },
    ]);
    setVisibility('hidden');
    expect(values('CLS')).toEqual([0.1]);
    setVisibility('visible');
    setVisibility('hidden');
    expect(values('CLS')).toEqual([0.1]); // unchanged: not sent again
    setVisibility('visible');
    // A window may not last 5 s: a new one starts, and grows past the old maximum.
    const shifts = Array.from({ length: 7 }, (_, i) => ({ startTime: 10000 + i * 900, value: 0.03 }));
    deliver('layout-shift', shifts);
    setVisibility('hidden');
    expect(values('CLS')[1]).toBeCloseTo(0.18);
  });

  it('INP: the target as it was when the interaction was observed, though the element is gone when it is sent', () => {
    const got: object[] = [];
    measureVitals((m) => m._name == 'INP' && got.push(vitalAttribution(m._name, m._value, m._entries)));
    const button = document.createElement('button');
    button.id = 'slow';
    document.body.append(button);
    const entry = { interactionId: 5, duration: 300, name: 'click', startTime: 10, processingStart: 11, processingEnd: 300, target: button as Element | null };
    deliver('event', [entry], 40);
    // The click changed the route: the button is gone, and the entry's target reads null.
    button.remove();
    entry.target = null;
    setVisibility('hidden');
    expect(got).toEqual([expect.objectContaining({ interaction_target: '#slow' })]);
  });

  it('INP: the longest interaction, or one skipped per 50 interactions, sent when hidden', () => {
    start();
    const ev = (id: number, duration: number, name = 'pointerup') => ({ interactionId: id, duration, name, startTime: id * 10, processingStart: id * 10 + 1, processingEnd: id * 10 + 2 });
    expect(live('event', 40)[0].types).toEqual(['event', 'first-input']);
    deliver('event', [ev(7, 40), ev(14, 120), ev(14, 80, 'click'), { duration: 300, startTime: 1 }], 40);
    setVisibility('hidden');
    // Both entries of the longest interaction, for its attribution.
    expect(sent).toEqual([expect.objectContaining({ name: 'INP', value: 120, entries: 2 })]);
    setVisibility('visible');
    // 102 interactions in all (performance.interactionCount): the estimate skips the 2 longest.
    const many = Array.from({ length: 100 }, (_, i) => ev(7 * (i + 3), 50 + i));
    Object.defineProperty(performance, 'interactionCount', { value: 102, configurable: true });
    deliver('event', many, 40);
    setVisibility('hidden');
    Reflect.deleteProperty(performance, 'interactionCount');
    expect(values('INP')).toEqual([120, 147]);
  });

  it('TTFB once the page has loaded', async () => {
    start();
    await vi.waitFor(() => expect(sent).toEqual([expect.objectContaining({ name: 'TTFB', value: 120, entries: 1 })]));
  });

  it('starts new metrics on a back/forward cache restore', async () => {
    start();
    await vi.waitFor(() => expect(values('TTFB')).toEqual([120]));
    deliver('paint', [{ name: 'first-contentful-paint', startTime: 100 }]);
    const first = sent.find((m) => m.name == 'FCP')!;
    vi.spyOn(performance, 'now').mockReturnValue(9000);
    window.dispatchEvent(Object.defineProperties(new Event('pageshow'), { persisted: { value: true }, timeStamp: { value: 8950 } }));
    await vi.waitFor(() => expect(values('LCP')).toEqual([50]));
    expect(values('TTFB')).toEqual([120, 0]);
    expect(values('FCP')).toEqual([100, 50]);
    const restored = sent.filter((m) => m.nav == 'back-forward-cache').map((m) => m.name);
    expect(restored.sort()).toEqual(['FCP', 'LCP', 'TTFB']);
    expect(sent.find((m) => m.name == 'FCP' && m.nav == 'back-forward-cache')!.id).not.toBe(first.id);
  });
});
