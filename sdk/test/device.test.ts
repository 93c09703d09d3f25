import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionMetadata } from '../src/device';

const as = (ua: string) => {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(ua);
  return sessionMetadata('s1', 'https://shop.example/');
};
afterEach(() => vi.restoreAllMocks());

describe('session metadata', () => {
  it('tells browser, OS and device type from the user agent (Edge, Opera and Chrome before Safari)', () => {
    const rows: [string, string | undefined, string | undefined, string][] = [
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0', 'Edge', 'Windows', 'desktop'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 OPR/105.0', 'Opera', 'macOS', 'desktop'],
      ['Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0', 'Firefox', 'Linux', 'desktop'],
      ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36', 'Chrome', 'Android', 'mobile'],
      ['Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', 'Chrome', 'Android', 'tablet'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1', 'Safari', 'iOS', 'mobile'],
      ['Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1', 'Safari', 'iOS', 'tablet'],
      ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/120.0 Safari/537.36', 'Chrome', 'ChromeOS', 'desktop'],
      ['curl/8.4.0', undefined, undefined, 'desktop'],
    ];
    for (const [ua, browser, os, device] of rows) expect(as(ua), ua).toMatchObject({ browser, os, device_type: device, user_agent: ua });
  });

  it('describes the screen, viewport, language and time zone', () => {
    const m = sessionMetadata('s1', 'https://shop.example/?a=1');
    expect(m).toMatchObject({ session_id: 's1', page_url: 'https://shop.example/?a=1', screen_width: screen.width, viewport_width: innerWidth, language: navigator.language });
    expect(m.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('takes the time zone from Temporal where the browser has it (Intl is the fallback)', () => {
    vi.stubGlobal('Temporal', { Now: { timeZoneId: () => 'Europe/Vienna' } });
    try {
      expect(sessionMetadata('s1', 'https://shop.example/').timezone).toBe('Europe/Vienna');
      vi.stubGlobal('Temporal', {}); // a page's own global of that name
      expect(sessionMetadata('s1', 'https://shop.example/').timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('redacts the first URL', () => {
    expect(sessionMetadata('s1', 'https://shop.example/cb?token=abc&x=1').page_url).toBe('https://shop.example/cb?token=[REDACTED:query]&x=1');
  });
});
