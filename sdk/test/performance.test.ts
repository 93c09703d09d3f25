import { beforeEach, describe, expect, it, vi } from 'vitest';
import { observePerformance, phases, vitalAttribution, type Vital } from '../src/observers/performance';
import { captureEvents, ofType } from './capture';

const nav = {
  activationStart: 0,
  workerStart: 0,
  fetchStart: 5,
  domainLookupStart: 10,
  domainLookupEnd: 15,
  connectStart: 15,
  connectEnd: 30,
  requestStart: 31,
  responseStart: 80.04,
  domInteractive: 300,
  domContentLoadedEventStart: 400,
  domComplete: 900,
};
const heroTiming = { name: 'https://cdn.example/hero.jpg', startTime: 100, requestStart: 120, responseEnd: 400.26 };

beforeEach(() => {
  document.body.innerHTML = '<main id="app"><p>intro</p><img class="hero"><button>Buy</button></main><div><span>shift</span></div>';
  vi.spyOn(performance, 'getEntriesByType').mockImplementation(((type: string) =>
    type == 'navigation' ? [nav] : type == 'resource' ? [{ name: 'https://cdn.example/other.js' }, heroTiming] : []) as any);
});

const metric = (name: Vital['_name'], value: number, entries: object[]) => [name, value, entries] as const;

describe('vitals attribution derived from the entries', () => {
  it('LCP: the element, its URL and the four phases of its load', () => {
    const img = document.querySelector('img')!;
    const lcp = { startTime: 450, element: img, url: heroTiming.name };
    expect(vitalAttribution(...metric('LCP', 450, [{ startTime: 200, element: null, url: '' }, lcp]))).toEqual({
      element: '#app > img',
      url: 'https://cdn.example/hero.jpg',
      time_to_first_byte: 80,
      resource_load_delay: 40, // request start 120 − TTFB 80
      resource_load_duration: 280.3,
      element_render_delay: 49.7,
    });
    // A text LCP has no resource: everything after the first byte is render delay.
    expect(vitalAttribution(...metric('LCP', 500, [{ startTime: 500, element: document.querySelector('p'), url: '' }]))).toEqual({
      element: '#app > p',
      time_to_first_byte: 80,
      resource_load_delay: 0,
      resource_load_duration: 0,
      element_render_delay: 420,
    });
    expect(vitalAttribution(...metric('LCP', 0, []))).toEqual({ time_to_first_byte: 0, resource_load_delay: 0, resource_load_duration: 0, element_render_delay: 0 });
  });

  it('FCP: time to first byte and the rest', () => {
    expect(vitalAttribution(...metric('FCP', 350, [{ startTime: 350 }]))).toEqual({ time_to_first_byte: 80, first_byte_to_fcp: 270 });
    expect(vitalAttribution(...metric('FCP', 250, []))).toEqual({ time_to_first_byte: 0, first_byte_to_fcp: 250 });
  });

  it('CLS: the largest shift, its first element source and value', () => {
    const span = document.querySelector('span')!;
    const text = span.firstChild!;
    const entries = [
      { value: 0.01234, startTime: 500, sources: [{ node: document.querySelector('p') }] },
      { value: 0.08766, startTime: 950, sources: [{ node: text }, { node: span }] },
    ];
    expect(vitalAttribution(...metric('CLS', 0.1, entries))).toEqual({
      largest_shift_target: 'html > body > div > span',
      largest_shift_value: 0.0877,
    });
    expect(vitalAttribution(...metric('CLS', 0, []))).toEqual({});
  });

  it('INP: target, type and the three phases from the interaction entries', () => {
    const button = document.querySelector('button')!;
    const entries = [
      { name: 'pointerdown', startTime: 1000, duration: 120, processingStart: 1030, processingEnd: 1060, target: null },
      { name: 'click', startTime: 1000, duration: 120, processingStart: 1062, processingEnd: 1090.04, target: button },
    ];
    expect(vitalAttribution(...metric('INP', 120, entries))).toEqual({
      interaction_target: '#app > button',
      interaction_type: 'pointer',
      input_delay: 30,
      processing_duration: 60,
      presentation_delay: 30,
    });
    const key = [{ name: 'keydown', startTime: 10, duration: 16, processingStart: 12, processingEnd: 40, target: null }];
    // Processing that ends after the rounded duration: the paint is not before it.
    expect(vitalAttribution(...metric('INP', 16, key))).toMatchObject({ interaction_type: 'keyboard', processing_duration: 28, presentation_delay: 0 });
    // Press and release painted in one frame, the click's handler taking 200 ms: its entries start
    // a millisecond apart, and all of them make the phases (as web-vitals' attribution has them);
    // the paint is the first longest entry's (its duration is rounded to 8 ms, as the others').
    const pressed = [
      { name: 'pointerdown', startTime: 1705.2, duration: 216, processingStart: 1706.5, processingEnd: 1706.8, target: button },
      { name: 'pointerup', startTime: 1706.2, duration: 216, processingStart: 1706.9, processingEnd: 1707, target: button },
      { name: 'click', startTime: 1706.2, duration: 216, processingStart: 1707, processingEnd: 1915.8, target: button },
    ];
    expect(vitalAttribution(...metric('INP', 216, pressed))).toMatchObject({ input_delay: 1.3, processing_duration: 209.3, presentation_delay: 5.4 });
    // The button held for 100 ms: the press was painted in a frame of its own, before the release's
    // slow click. Only the frame of the longest entry makes the phases, as in web-vitals (the
    // press's frame counted the time the button was held as processing).
    const held = [
      { name: 'pointerdown', entryType: 'first-input', startTime: 1000, duration: 48, processingStart: 1000.5, processingEnd: 1001, target: button },
      { name: 'pointerdown', startTime: 1000, duration: 48, processingStart: 1000.5, processingEnd: 1001, target: button },
      { name: 'pointerup', startTime: 1100, duration: 160, processingStart: 1100.6, processingEnd: 1100.8, target: button },
      { name: 'click', startTime: 1100, duration: 160, processingStart: 1100.9, processingEnd: 1251, target: button },
    ];
    expect(vitalAttribution(...metric('INP', 160, held))).toMatchObject({ input_delay: 0.6, processing_duration: 150.4, presentation_delay: 9 });
    // A slow press (its handler 150 ms) held, then a quick click: the press is the longest, and its frame the one measured.
    const slowPress = [
      { name: 'pointerdown', startTime: 1000, duration: 160, processingStart: 1001, processingEnd: 1151, target: button },
      { name: 'click', startTime: 1400, duration: 64, processingStart: 1401, processingEnd: 1460, target: button },
    ];
    expect(vitalAttribution(...metric('INP', 160, slowPress))).toMatchObject({ input_delay: 1, processing_duration: 150, presentation_delay: 9 });
  });

  it('TTFB: waiting, cache, DNS, connection and request durations', () => {
    expect(vitalAttribution(...metric('TTFB', 80.04, [nav]))).toEqual({
      waiting_duration: 5,
      cache_duration: 5,
      dns_duration: 5,
      connection_duration: 15,
      request_duration: 50,
    });
    expect(vitalAttribution(...metric('TTFB', 0, []))).toEqual({ waiting_duration: 0, cache_duration: 0, dns_duration: 0, connection_duration: 0, request_duration: 0 });
  });
});

describe('performance data', () => {
  it('splits a timing entry into its phases', () => {
    const e = { domainLookupStart: 10, domainLookupEnd: 15, connectStart: 15, secureConnectionStart: 20, connectEnd: 30, requestStart: 31, responseStart: 80, responseEnd: 95 };
    expect(phases(e as unknown as PerformanceResourceTiming)).toEqual({ dns_ms: 5, connect_ms: 15, tls_ms: 10, ttfb_ms: 49, download_ms: 15 });
  });
});

describe('the performance observer', () => {
  it('reports web vitals with the derived attribution, and navigation timing', async () => {
    const events = captureEvents();
    vi.spyOn(performance, 'now').mockReturnValue(5000);
    Object.assign(nav, { duration: 950, loadEventEnd: 950, domContentLoadedEventEnd: 410, transferSize: 1234, type: 'navigate' });
    const landing = location.href;
    observePerformance(() => false);
    // A single-page app moves on before the metric is sent: it still belongs to the page it was measured on.
    history.pushState(null, '', '/checkout');
    try {
      await vi.waitFor(() => expect(ofType(events, 'performance.ttfb')).toHaveLength(1));
      expect(events.find((e) => e.type == 'performance.ttfb')!.url).toBe(landing);
    } finally {
      history.replaceState(null, '', landing);
    }
    expect(ofType(events, 'performance.ttfb')[0]).toMatchObject({
      value: 80,
      unit: 'ms',
      rating: 'good',
      navigation_type: 'navigate',
      attribution: { waiting_duration: 5, request_duration: 50 },
    });
    await vi.waitFor(() => expect(ofType(events, 'performance.navigation')).toHaveLength(1));
    expect(ofType(events, 'performance.navigation')[0]).toMatchObject({ duration_ms: 950, dns_ms: 5, ttfb_ms: 49, load_ms: 950, type: 'navigate' });
  });
});
