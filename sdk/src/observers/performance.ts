/**
 * Performance: the web vitals (LCP, FCP, CLS, INP, TTFB) with their attribution, navigation
 * timing once the page has loaded, resource timing entries (`network.resource`, never the SDK's
 * own uploads) and long tasks.
 *
 * The vitals are measured here on PerformanceObserver the way web-vitals 4 (the field's reference
 * library) measures them, with its thresholds and reporting: each value is sent when it is final —
 * FCP and TTFB once known, LCP at the first key press or click or when the page is hidden, CLS
 * (largest session window: gaps < 1 s, windows < 5 s, after FCP) and INP (the 98th percentile
 * of the interactions, estimated from the 10 longest and performance.interactionCount; without
 * the count, in Chrome before 144, the longest) when the page is hidden and their
 * value changed since last sent. Entries after the page was first hidden do not count towards
 * FCP and LCP; a prerendered page is measured from its activation; a page restored from the
 * back/forward cache starts new metrics (FCP and LCP: the time to the next frame after restore).
 * The library itself, even without its attribution build, would take a fifth of the SDK's size
 * budget.
 *
 * The attribution has the fields (snake_cased) and formulas of web-vitals' attribution build for
 * what explains each metric — LCP: element, url, time to first byte, resource load delay and
 * duration, render delay; FCP: time to first byte and the rest; CLS: the largest shift's target
 * and value; INP: target, type (pointer, keyboard), input delay, processing, presentation delay;
 * TTFB: waiting, cache, DNS, connection, request. Left out are the load state and the
 * timestamps (largest shift time, interaction time, next paint time). Element selectors are the
 * SDK's own unique CSS paths (as in action events), and INP's phases come from the interaction's
 * own entries (the attribution build also looks at other events and long animation frames of
 * the same frame).
 */
import { ms, nowUs, setTimer } from '../clock';
import { emit } from '../emit';
import { on, safely } from '../guard';
import { cut } from '../limits';
import { selectors } from '../selectors';
import { uuid } from '../session';
import { awaitTimings, timed } from './network-record';

type Data = Record<string, unknown>;
type Entry = any;
type Name = 'LCP' | 'FCP' | 'CLS' | 'INP' | 'TTFB';

/** A metric of the current page (or of its latest back/forward cache restore). */
export interface Vital {
  _name: Name;
  _value: number;
  _entries: Entry[];
  _id: string;
  _nav: string;
  /** The page it was measured on: a single-page app may have moved on by the time it is sent. */
  _url: string;
  /** The value last sent. */
  _sent?: number;
}

/** Upper bounds of "good" and of "needs-improvement", as web-vitals has them. */
const THRESHOLDS = { LCP: [2500, 4000], FCP: [1800, 3000], CLS: [0.1, 0.25], INP: [200, 500], TTFB: [800, 1800] };

// Read when used, never as the module loads: a server-side render imports the ESM build where
// there is no document.
declare global {
  interface Document {
    prerendering?: boolean;
    wasDiscarded?: boolean;
  }
}
const score = (v: number) => Math.round(v * 1e4) / 1e4;
/** The navigation entry, once its response has started. */
const navEntry = (): Entry => {
  const n: Entry = performance.getEntriesByType('navigation')[0];
  return n?.responseStart > 0 && n.responseStart < performance.now() ? n : undefined;
};
/** A time relative to activation (prerendered pages), never negative. */
const sinceActivation = (t = 0): number => Math.max(0, t - (navEntry()?.activationStart || 0));
const selector = (n: Entry): string | undefined => (n?.nodeType == 1 ? cut(selectors(n).css, 200) : undefined);

/** Observes `type` (buffered), calling `fn` with each batch of entries; undefined where unsupported. */
const observe = (type: string, fn: (entries: Entry[]) => void, options?: object): PerformanceObserver | undefined =>
  safely(() => {
    if (PerformanceObserver.supportedEntryTypes.includes(type)) {
      const o = new PerformanceObserver((list) => safely(fn, list.getEntries()));
      o.observe({ type, buffered: true, ...options });
      return o;
    }
  });

/** `names` (space-separated) with the successive differences of `points`, each rounded to 0.1 ms. */
const spans = (names: string, points: number[], a: Data = {}): Data => (names.split(' ').forEach((k, i) => (a[k] = ms(points[i + 1] - points[i]))), a);

/** The attribution of a metric, as web-vitals' attribution build computes it (see above). */
export const vitalAttribution = (name: Name, value: number, entries: Entry[]): Data => {
  const first = entries[0];
  const last = entries[entries.length - 1];
  const n = navEntry();
  const ttfb = n && first ? sinceActivation(n.responseStart) : 0;
  if (name == 'LCP') {
    // Without entries (after a back/forward cache restore) or navigation timing, all is render delay.
    const res: Entry = n && last?.url && performance.getEntriesByType('resource').find((r) => r.name == last.url);
    const requestStart = Math.max(ttfb, sinceActivation(res?.requestStart || res?.startTime));
    const responseEnd = Math.max(requestStart, sinceActivation(res?.responseEnd));
    return {
      element: n && selector(last?.element),
      url: (n && last?.url) || undefined,
      ...spans('time_to_first_byte resource_load_delay resource_load_duration element_render_delay', [
        0,
        ttfb,
        requestStart,
        responseEnd,
        Math.max(responseEnd, n && last ? sinceActivation(last.startTime) : value),
      ]),
    };
  }
  if (name == 'FCP') return spans('time_to_first_byte first_byte_to_fcp', [0, ttfb, value]);
  if (name == 'CLS') {
    const largest = entries.reduce((x, y) => (x?.value > y.value ? x : y), 0);
    const sources: Entry[] = largest?.sources || [];
    return sources[0]
      ? { largest_shift_target: selector((sources.find((s) => s.node?.nodeType == 1) || sources[0]).node), largest_shift_value: score(largest.value) }
      : {};
  }
  if (name == 'INP') {
    // The entries of the interaction painted in the frame of its longest (within 8 ms, as
    // web-vitals groups them): the input is the earliest's, processing spans their handlers, the
    // paint follows the last. An earlier frame of the same interaction (its pointerdown, painted
    // while the button was still held) is not part of it.
    const longest = entries.reduce((x, y) => (y.duration > x.duration ? y : x));
    const paint = longest.startTime + longest.duration;
    const frame = entries.filter((e) => Math.abs(e.startTime + e.duration - paint) <= 8);
    const start = frame.reduce((x, y) => (y.startTime < x.startTime ? y : x));
    const end = Math.max(...frame.map((e) => e.processingEnd));
    return {
      // Its selector as its entry was observed (see measureVitals): by now the element may be gone.
      interaction_target: entries.map((e) => e._t || selector(e.target)).find((t) => t),
      interaction_type: start.name.startsWith('key') ? 'keyboard' : 'pointer',
      ...spans('input_delay processing_duration presentation_delay', [start.startTime, start.processingStart, end, Math.max(paint, end)]),
    };
  }
  // TTFB: its entry is the navigation entry (none after a back/forward cache restore: all 0).
  return spans('waiting_duration cache_duration dns_duration connection_duration request_duration', [
    0,
    ...[first?.workerStart || first?.fetchStart, first?.domainLookupStart, first?.connectStart, first?.connectEnd].map(sinceActivation),
    value,
  ]);
};

/** Measures the five vitals; `send` gets each value when it is to be reported. */
export const measureVitals = (send: (m: Vital) => void): void => {
  const n = navEntry();
  let type = !n ? 'navigate' : document.prerendering || n.activationStart > 0 ? 'prerender' : document.wasDiscarded ? 'restore' : n.type.replace(/_/g, '-');
  const vital = (name: Name, value = -1): Vital => ({ _name: name, _value: value, _entries: [], _id: uuid(), _nav: type, _url: location.href });
  const set = (m: Vital, value: number, entries: Entry[]) => ((m._value = value), (m._entries = entries));
  /** Sends `m` unless its value is unknown or was sent already. */
  const report = (m: Vital) => m._value >= 0 && m._value !== m._sent && (send(m), (m._sent = m._value));
  const atStart = (): number => (document.hidden && !document.prerendering ? 0 : Infinity);
  /** When the page was first hidden: later paints do not count. */
  let hiddenAt = atStart();
  /** A paint entry as the value of `m`, unless it came after the page was first hidden. */
  const painted = (m: Vital, e: Entry) => e?.startTime < hiddenAt && set(m, sinceActivation(e.startTime), [e]);
  /** What to finish when the page is hidden. */
  const onHidden: (() => unknown)[] = [];
  on('visibilitychange', (e) => document.hidden && ((hiddenAt = Math.min(hiddenAt, e.timeStamp)), onHidden.forEach(safely)), document);
  // Chrome 144+ and Firefox 144+ count interactions; without the count (older Chrome), INP is the
  // longest interaction (the 98th percentile of fewer than 50 is the longest anyway).
  const count = (): number => (performance as any).interactionCount || 0;

  // The metrics of the current page view; a back/forward cache restore starts new ones.
  let fcp: Vital, lcp: Vital, cls: Vital, inp: Vital, ttfb: Vital;
  let lcpDone = false;
  let windowValue = 0;
  let windowEntries: Entry[] = [];
  let longest: { _id: number; _latency: number; _entries: Entry[] }[] = [];
  let countBase = 0;
  const start = (restored?: boolean) => {
    fcp = vital('FCP');
    lcp = vital('LCP');
    cls = vital('CLS', 0);
    inp = vital('INP');
    ttfb = vital('TTFB', restored ? 0 : -1);
    windowValue = 0;
    longest = [];
    countBase = restored ? count() : 0;
  };
  start();

  // CLS: observed once FCP is reported (as web-vitals does); the largest session window, checked
  // after each shift (web-vitals 4 looks only after each batch, missing a window that ends in one).
  let clsObserver: PerformanceObserver | undefined | 0;
  const shifts = (entries: Entry[]) => {
    for (const e of entries) {
      if (e.hadRecentInput) continue;
      if (windowValue && e.startTime - windowEntries[windowEntries.length - 1].startTime < 1000 && e.startTime - windowEntries[0].startTime < 5000) {
        windowValue += e.value;
        windowEntries.push(e);
      } else (windowValue = e.value), (windowEntries = [e]);
      if (windowValue > cls._value) set(cls, windowValue, windowEntries);
    }
  };
  const reportFcp = () => {
    report(fcp);
    if (clsObserver == null) {
      const o = (clsObserver = observe('layout-shift', shifts) || 0);
      if (o) onHidden.push(() => (shifts(o.takeRecords()), report(cls)));
    }
  };
  const paint = observe('paint', (entries) => {
    const e = entries.find((e) => e.name == 'first-contentful-paint');
    if (e) paint!.disconnect(), painted(fcp, e) && reportFcp();
  });

  // LCP: final at the first input (handled when idle, not to lengthen the input) or when hidden.
  // Only the user's input, as the browser's own LCP stops: a click the page dispatches is none.
  const lcpObserver = observe('largest-contentful-paint', (entries) => painted(lcp, entries.pop()));
  const stopLcp = () => !lcpDone && ((lcpDone = true), painted(lcp, lcpObserver!.takeRecords().pop()), lcpObserver!.disconnect(), report(lcp));
  if (lcpObserver) {
    for (const type of ['keydown', 'click']) on(type, (e) => e.isTrusted && !lcpDone && ((self as any).requestIdleCallback || setTimer)(() => safely(stopLcp)), window, true);
    onHidden.push(stopLcp);
  }

  // INP: the 10 longest interactions by id; the estimate skips one per 50 interactions. Where the
  // browser has event timing it has interactionId (Firefox since 144; Chrome since 96). A block of
  // its own, so that its names stay local (which also minifies a few bytes smaller).
  {
    const interactions = (entries: Entry[]) => {
      for (const e of entries) {
        if (!e.interactionId && e.entryType != 'first-input') continue;
        // Its latency is its longest entry's duration (as web-vitals has it); all its entries are
        // kept for the attribution, the first with its target's selector now, as web-vitals keeps
        // it: once the element is removed (a click that changes the route) its target reads null.
        const known = longest.find((i) => i._id == e.interactionId);
        if (!known) longest.push({ _id: e.interactionId, _latency: e.duration, _entries: [e] }), (e._t = selector(e.target));
        else known._entries.push(e), (known._latency = Math.max(known._latency, e.duration));
        longest = longest.sort((x, y) => y._latency - x._latency).slice(0, 10);
      }
      const i = longest[Math.min(longest.length - 1, ((count() - countBase) / 50) | 0)];
      if (i && i._latency != inp._value) set(inp, i._latency, i._entries);
    };
    const o = observe('event', interactions, { durationThreshold: 40 });
    if (o) {
      o.observe({ type: 'first-input', buffered: true });
      onHidden.push(() => (interactions(o.takeRecords()), report(inp)));
    }
  }

  afterLoad(() => {
    const n = navEntry();
    if (n) set(ttfb, sinceActivation(n.responseStart), [n]), report(ttfb);
  });

  // A back/forward cache restore: new metrics. The page was hidden before it went into the cache,
  // so LCP is final already; FCP and LCP of the restored page are the time to its next frame.
  on(
    'pageshow',
    (e) => {
      if (!e.persisted) return;
      type = 'back-forward-cache';
      start(true);
      setTimer(() => (hiddenAt = atStart()));
      report(ttfb);
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          safely(() => {
            const since = performance.now() - e.timeStamp;
            if (paint) set(fcp, since, []), reportFcp();
            if (lcpObserver) set(lcp, since, []), report(lcp);
          }),
        ),
      );
    },
    window,
    true,
  );
};

const sendVital = (m: Vital): void => {
  const { _name: name, _value: v } = m;
  const cls = name == 'CLS';
  const [good, poor] = THRESHOLDS[name];
  emit(
    'performance.' + name.toLowerCase(),
    {
      value: cls ? score(v) : ms(v),
      unit: cls ? 'score' : 'ms',
      rating: v > poor ? 'poor' : v > good ? 'needs-improvement' : 'good',
      id: m._id,
      navigation_type: m._nav,
      attribution: vitalAttribution(name, v, m._entries),
    },
    'web-vitals',
    false,
    m._url,
  );
};

/** Once the page has loaded and its load handlers ran (loadEventEnd is set after them). */
const afterLoad = (fn: () => void): void => {
  const later = () => setTimer(() => safely(fn));
  document.readyState == 'complete' ? later() : on('load', later, window, { once: true });
};

/** The phases of a resource or navigation entry, where the browser exposes them (same origin or Timing-Allow-Origin). */
export const phases = (e: PerformanceResourceTiming): Record<string, number> => ({
  dns_ms: ms(e.domainLookupEnd - e.domainLookupStart),
  connect_ms: ms(e.connectEnd - e.connectStart),
  tls_ms: e.secureConnectionStart ? ms(e.connectEnd - e.secureConnectionStart) : 0,
  ttfb_ms: ms(e.responseStart - e.requestStart),
  download_ms: ms(e.responseEnd - e.responseStart),
});

const navigation = (): void => {
  const n: Entry = performance.getEntriesByType('navigation')[0];
  if (!n) return;
  const { download_ms, ...p } = phases(n);
  emit(
    'performance.navigation',
    {
      duration_ms: ms(n.duration),
      ...p,
      response_ms: download_ms,
      dom_interactive_ms: ms(n.domInteractive),
      dom_content_loaded_ms: ms(n.domContentLoadedEventEnd),
      load_ms: ms(n.loadEventEnd),
      transfer_size: n.transferSize,
      type: n.type,
    },
  );
};

/** `ignored(url)` tells the SDK's own uploads and the URLs not to record apart. */
export const observePerformance = (ignored: (url: string) => unknown): void => {
  // Prerendered: measured from activation.
  const start = () => measureVitals(sendVital);
  document.prerendering ? on('prerenderingchange', start, window, { once: true }) : safely(start);
  afterLoad(navigation);
  /** Calls `fn` with each entry of a batch. */
  const each = (fn: (e: Entry) => void) => (entries: Entry[]) => entries.forEach((e) => safely(fn, e));
  // A fetch's or XHR's entry goes into its request's event (see `timed`) where the SDK recorded it.
  const resource = (e: PerformanceResourceTiming) => {
    if (ignored(e.name)) return;
    // None where the browser hides them (cross-origin without Timing-Allow-Origin) or there were
    // none (a failed request): their zeros made the download the time since the page's start.
    const measured = () =>
      e.responseStart
        ? {
            transfer_size: e.transferSize,
            encoded_body_size: e.encodedBodySize,
            decoded_body_size: e.decodedBodySize,
            protocol: e.nextHopProtocol || undefined,
            timing: phases(e),
          }
        : {};
    // Made only when kept: a page's burst of requests must not cost more than the count of its drops.
    // Of when it came, also where it waits for a request first.
    const url = location.href;
    const ts = nowUs();
    const alone = () =>
      emit('network.resource', () => ({
        url: e.name,
        initiator_type: e.initiatorType,
        duration_ms: ms(e.duration),
        start_time_ms: ms(e.startTime),
        status: (e as any).responseStatus || undefined,
        ...measured(),
      }), undefined, undefined, url, ts);
    /^(fetch|xmlhttprequest)$/.test(e.initiatorType) ? timed(e, measured, alone) : alone();
  };
  const all = each(resource);
  const resources = observe('resource', all);
  resources && awaitTimings(() => all(resources.takeRecords()));
  observe(
    'longtask',
    each((e: PerformanceEntry & { attribution?: { containerSrc?: string; name?: string }[] }) =>
      emit(
        'performance.long_task',
        { duration_ms: ms(e.duration), start_time_ms: ms(e.startTime), attribution: e.attribution?.[0]?.containerSrc || e.attribution?.[0]?.name },
        'longtask',
      ),
    ),
  );
};
