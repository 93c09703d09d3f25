/**
 * Web vitals (LCP, FCP, CLS, INP, TTFB) from web-vitals' standard build, navigation timing once
 * the page has loaded, resource timing entries (`network.resource`, never the SDK's own uploads)
 * and long tasks.
 *
 * The attribution is derived here from `metric.entries` and the navigation entry, with the
 * fields (snake_cased) and formulas of web-vitals' attribution build, which costs twice the bytes
 * of the standard one. Two differences: element selectors are the SDK's own unique CSS paths (as
 * in action events), and INP's phases come from the interaction's own entries, not from every
 * event and long animation frame of the same frame (the attribution build groups those).
 */
import { onCLS } from 'web-vitals/onCLS.js';
import { onFCP } from 'web-vitals/onFCP.js';
import { onINP } from 'web-vitals/onINP.js';
import { onLCP } from 'web-vitals/onLCP.js';
import { onTTFB } from 'web-vitals/onTTFB.js';
import type { Metric } from 'web-vitals';
import { ms } from '../clock';
import { emit } from '../emit';
import { safely } from '../guard';
import { cut } from '../limits';
import { selectors } from '../selectors';

type Data = Record<string, unknown>;

const score = (v: number) => Math.round(v * 1e4) / 1e4;
const navEntry = () => performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
const selector = (n: any): string | undefined => (n && n.nodeType == 1 ? cut(selectors(n).css, 200) : undefined);

/** Where the page was in loading at `t` (web-vitals' loadState). */
function loadState(t: number): string {
  const n = navEntry();
  return document.readyState == 'loading' || (n && t < n.domInteractive)
    ? 'loading'
    : n && (!n.domContentLoadedEventStart || t < n.domContentLoadedEventStart)
      ? 'dom-interactive'
      : n && (!n.domComplete || t < n.domComplete)
        ? 'dom-content-loaded'
        : 'complete';
}

/** The attribution of a metric, as web-vitals' attribution build computes it (see above). */
export function vitalAttribution(m: Metric): Data {
  const entries = m.entries as any[];
  const first = entries[0];
  const last = entries[entries.length - 1];
  const n = navEntry();
  const act = (n && n.activationStart) || 0;
  const ttfb = n ? Math.max(0, n.responseStart - act) : 0;
  const at = (t: number) => Math.max(t - act, 0);
  let a: Data = {};
  if (m.name == 'LCP') {
    a = { time_to_first_byte: 0, resource_load_delay: 0, resource_load_duration: 0, element_render_delay: m.value };
    if (last && n) {
      const res = last.url && performance.getEntriesByType('resource').find((r) => r.name == last.url);
      const requestStart = Math.max(ttfb, res ? (res.requestStart || res.startTime) - act : 0);
      const responseEnd = Math.max(requestStart, res ? res.responseEnd - act : 0);
      a = {
        element: selector(last.element),
        url: last.url || undefined,
        time_to_first_byte: ttfb,
        resource_load_delay: requestStart - ttfb,
        resource_load_duration: responseEnd - requestStart,
        element_render_delay: Math.max(responseEnd, last.startTime - act) - responseEnd,
      };
    }
  } else if (m.name == 'FCP') {
    a = first && n
      ? { time_to_first_byte: ttfb, first_byte_to_fcp: m.value - ttfb, load_state: loadState(first.startTime) }
      : { time_to_first_byte: 0, first_byte_to_fcp: m.value, load_state: loadState(Infinity) };
  } else if (m.name == 'CLS') {
    const largest = entries.reduce((x, y) => (x && x.value > y.value ? x : y), undefined);
    const sources: any[] = (largest && largest.sources) || [];
    if (sources.length) {
      a = {
        largest_shift_target: selector((sources.find((s) => s.node && s.node.nodeType == 1) || sources[0]).node),
        largest_shift_time: largest.startTime,
        largest_shift_value: score(largest.value),
        load_state: loadState(largest.startTime),
      };
    }
  } else if (m.name == 'INP') {
    // Entries of the one interaction: processing spans all its events, the paint follows its end.
    const end = Math.max(...entries.map((e) => e.processingEnd));
    const paint = Math.max(first.startTime + first.duration, end);
    a = {
      interaction_target: selector((entries.find((e) => e.target) || {}).target),
      interaction_type: first.name.startsWith('key') ? 'keyboard' : 'pointer',
      interaction_time: first.startTime,
      next_paint_time: paint,
      input_delay: first.processingStart - first.startTime,
      processing_duration: end - first.processingStart,
      presentation_delay: paint - end,
      load_state: loadState(first.startTime),
    };
  } else {
    // TTFB: its entry is the navigation entry.
    const wait = first ? at(first.workerStart || first.fetchStart) : 0;
    const dns = first ? at(first.domainLookupStart) : 0;
    const connect = first ? at(first.connectStart) : 0;
    const connected = first ? at(first.connectEnd) : 0;
    a = {
      waiting_duration: wait,
      cache_duration: dns - wait,
      dns_duration: connect - dns,
      connection_duration: connected - connect,
      request_duration: first ? m.value - connected : 0,
    };
  }
  for (const k in a) if (typeof a[k] == 'number' && k != 'largest_shift_value') a[k] = ms(a[k] as number);
  return a;
}

function vital(m: Metric): void {
  const cls = m.name == 'CLS';
  emit(
    'performance.' + m.name.toLowerCase(),
    {
      value: cls ? score(m.value) : ms(m.value),
      unit: cls ? 'score' : 'ms',
      rating: m.rating,
      id: m.id,
      navigation_type: m.navigationType,
      attribution: vitalAttribution(m),
    },
    'web-vitals',
  );
}

/** The phases of a resource or navigation entry, where the browser exposes them (same origin or Timing-Allow-Origin). */
export function phases(e: PerformanceResourceTiming): Record<string, number> {
  return {
    dns_ms: ms(e.domainLookupEnd - e.domainLookupStart),
    connect_ms: ms(e.connectEnd - e.connectStart),
    tls_ms: e.secureConnectionStart ? ms(e.connectEnd - e.secureConnectionStart) : 0,
    ttfb_ms: ms(e.responseStart - e.requestStart),
    download_ms: ms(e.responseEnd - e.responseStart),
  };
}

function navigation(): void {
  const n = navEntry();
  if (!n) return;
  const p = phases(n);
  emit(
    'performance.navigation',
    {
      duration_ms: ms(n.duration),
      dns_ms: p.dns_ms,
      connect_ms: p.connect_ms,
      tls_ms: p.tls_ms,
      ttfb_ms: p.ttfb_ms,
      response_ms: p.download_ms,
      dom_interactive_ms: ms(n.domInteractive),
      dom_content_loaded_ms: ms(n.domContentLoadedEventEnd),
      load_ms: ms(n.loadEventEnd),
      transfer_size: n.transferSize,
      type: n.type,
    },
    'navigation',
  );
}

function observe(type: string, fn: (e: any) => void): void {
  if (!PerformanceObserver.supportedEntryTypes?.includes(type)) return;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => safely(() => fn(e)))).observe({ type, buffered: true });
}

/** `isOwn(url)` tells the SDK's own uploads apart. */
export function observePerformance(isOwn: (url: string) => boolean): void {
  for (const on of [onLCP, onFCP, onCLS, onINP, onTTFB]) safely(() => on((m: Metric) => safely(() => vital(m))));
  // loadEventEnd is set after the load handlers ran, hence the extra task.
  const afterLoad = () => setTimeout(() => safely(navigation));
  document.readyState == 'complete' ? afterLoad() : addEventListener('load', afterLoad, { once: true });
  if (typeof PerformanceObserver != 'function') return;
  observe('resource', (e: PerformanceResourceTiming) => {
    if (isOwn(e.name)) return;
    emit(
      'network.resource',
      {
        url: e.name,
        initiator_type: e.initiatorType,
        duration_ms: ms(e.duration),
        start_time_ms: ms(e.startTime),
        transfer_size: e.transferSize,
        encoded_body_size: e.encodedBodySize,
        decoded_body_size: e.decodedBodySize,
        protocol: e.nextHopProtocol || undefined,
        status: (e as any).responseStatus || undefined,
        timing: phases(e),
      },
      'resource',
    );
  });
  observe('longtask', (e: PerformanceEntry & { attribution?: { containerSrc?: string; name?: string }[] }) =>
    emit(
      'performance.long_task',
      { duration_ms: ms(e.duration), start_time_ms: ms(e.startTime), attribution: e.attribution?.[0]?.containerSrc || e.attribution?.[0]?.name },
      'longtask',
    ),
  );
}
