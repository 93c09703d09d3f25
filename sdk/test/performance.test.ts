import { describe, expect, it } from 'vitest';
import { attribution, phases } from '../src/observers/performance';

describe('performance data', () => {
  it('keeps the plain attribution fields, snake_cased, and leaves entries and nodes out', () => {
    const a = { element: 'html>body>img.hero', timeToFirstByte: 120.456, resourceLoadDelay: 3, lcpEntry: {}, navigationEntry: { name: 'x' }, url: 'https://cdn.example/hero.jpg' };
    expect(attribution(a)).toEqual({ element: 'html>body>img.hero', time_to_first_byte: 120.5, resource_load_delay: 3, url: 'https://cdn.example/hero.jpg' });
  });

  it('splits a timing entry into its phases', () => {
    const e = { domainLookupStart: 10, domainLookupEnd: 15, connectStart: 15, secureConnectionStart: 20, connectEnd: 30, requestStart: 31, responseStart: 80, responseEnd: 95 };
    expect(phases(e as unknown as PerformanceResourceTiming)).toEqual({ dns_ms: 5, connect_ms: 15, tls_ms: 10, ttfb_ms: 49, download_ms: 15 });
  });
});
