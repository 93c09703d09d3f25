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
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1', 'Chrome', 'iOS', 'mobile'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15', 'Firefox', 'iOS', 'mobile'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/120.0.2210.126 Mobile/15E148 Safari/605.1.15', 'Edge', 'iOS', 'mobile'],
      ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 EdgA/120.0.2210.115', 'Edge', 'Android', 'mobile'],
      ['Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; KFTT Build/IML74K) AppleWebKit/537.36 (KHTML, like Gecko) Silk/3.68 like Chrome/39.0.2171.93 Safari/537.36', 'Chrome', 'Android', 'tablet'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Silk/3.68 like Chrome/39.0.2171.93 Safari/537.36', 'Chrome', 'Linux', 'tablet'],
      ['curl/8.4.0', undefined, undefined, 'desktop'],
    ];
    for (const [ua, browser, os, device] of rows) expect(as(ua), ua).toMatchObject({ browser, os, device_type: device, user_agent: ua });
  });

  it('tells an iPad, which says it is a Mac, from a Mac by its touch points', () => {
    const ua = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15';
    vi.spyOn(navigator, 'maxTouchPoints', 'get').mockReturnValue(0);
    expect(as(ua)).toMatchObject({ browser: 'Safari', os: 'macOS', device_type: 'desktop' });
    vi.spyOn(navigator, 'maxTouchPoints', 'get').mockReturnValue(5);
    vi.spyOn(screen, 'width', 'get').mockReturnValue(1024);
    vi.spyOn(screen, 'height', 'get').mockReturnValue(1366);
    expect(as(ua)).toMatchObject({ browser: 'Safari', os: 'iOS', device_type: 'tablet' });
  });

  it('tells an iPhone asking for desktop sites (it says it is a Mac) from an iPad by its screen', () => {
    const ua = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
    vi.spyOn(navigator, 'maxTouchPoints', 'get').mockReturnValue(5);
    vi.spyOn(screen, 'width', 'get').mockReturnValue(390);
    vi.spyOn(screen, 'height', 'get').mockReturnValue(844);
    expect(as(ua)).toMatchObject({ os: 'iOS', device_type: 'mobile' });
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
