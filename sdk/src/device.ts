/** Session metadata (docs/events.md `session.start`), read once when a session's first batch goes. */
export interface SessionMetadata {
  session_id: string;
  user_agent: string;
  page_url: string;
  referrer?: string;
  screen_width: number;
  screen_height: number;
  viewport_width: number;
  viewport_height: number;
  device_type: 'desktop' | 'mobile' | 'tablet';
  browser?: string;
  os?: string;
  language: string;
  timezone?: string;
}

const first = (ua: string, table: [RegExp, string][]): string | undefined => table.find(([re]) => re.test(ua))?.[1];

export function deviceType(ua: string): SessionMetadata['device_type'] {
  return /iPad|Tablet|Android(?!.*Mobile)/i.test(ua) ? 'tablet' : /Mobi|iPhone|iPod|Android/i.test(ua) ? 'mobile' : 'desktop';
}

// Order matters: Edge and Opera also say Chrome; Chrome also says Safari; Android also says Linux.
export const browserOf = (ua: string) =>
  first(ua, [[/Edg\//, 'Edge'], [/OPR\//, 'Opera'], [/Firefox\//, 'Firefox'], [/Chrom(e|ium)\//, 'Chrome'], [/Safari\//, 'Safari']]);

export const osOf = (ua: string) =>
  first(ua, [[/Windows/, 'Windows'], [/Android/, 'Android'], [/iPhone|iPad|iPod/, 'iOS'], [/Mac OS X/, 'macOS'], [/CrOS/, 'ChromeOS'], [/Linux/, 'Linux']]);

export function sessionMetadata(sessionId: string, firstUrl: string): SessionMetadata {
  const ua = navigator.userAgent;
  let timezone: string | undefined;
  try {
    timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {}
  return {
    session_id: sessionId,
    user_agent: ua,
    page_url: firstUrl,
    referrer: document.referrer || undefined,
    screen_width: screen.width,
    screen_height: screen.height,
    viewport_width: innerWidth,
    viewport_height: innerHeight,
    device_type: deviceType(ua),
    browser: browserOf(ua),
    os: osOf(ua),
    language: navigator.language,
    timezone,
  };
}
