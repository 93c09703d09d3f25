/**
 * Web vitals (LCP, FCP, CLS, INP, TTFB) from the web-vitals attribution build, navigation timing
 * once the page has loaded, resource timing entries (`network.resource`, never the SDK's own
 * uploads) and long tasks.
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type MetricWithAttribution } from 'web-vitals/attribution';
import { ms } from '../clock';
import { emit } from '../emit';
import { safely } from '../guard';
import { cut } from '../limits';

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

/** The attribution's plain fields (strings and numbers), snake_cased; entries and nodes are left out. */
export function attribution(a: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    if (typeof v == 'number') out[snake(k)] = ms(v);
    else if (typeof v == 'string') out[snake(k)] = cut(v, 200);
  }
  return out;
}

function vital(m: MetricWithAttribution): void {
  const cls = m.name == 'CLS';
  emit(
    'performance.' + m.name.toLowerCase(),
    {
      value: cls ? Math.round(m.value * 1e4) / 1e4 : ms(m.value),
      unit: cls ? 'score' : 'ms',
      rating: m.rating,
      id: m.id,
      navigation_type: m.navigationType,
      attribution: attribution(m.attribution),
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
  const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
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
  for (const on of [onLCP, onFCP, onCLS, onINP, onTTFB]) safely(() => on(vital));
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
