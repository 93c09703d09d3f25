import { redactString } from './redact';

/** Session metadata (docs/events.md `session.start`), read once when a session's first batch goes; redacted. */
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

/** The name of the first row whose pattern (default: the name) occurs in `ua`. */
const first = (ua: string, table: string[][]): string | undefined => table.find(([name, re]) => RegExp(re || name).test(ua))?.[0];

export const sessionMetadata = (sessionId: string, firstUrl: string): SessionMetadata => {
  const ua = navigator.userAgent;
  return {
    session_id: sessionId,
    user_agent: ua,
    // The URLs may carry secrets in their queries; nothing else here can.
    page_url: redactString(firstUrl),
    referrer: redactString(document.referrer) || undefined,
    screen_width: screen.width,
    screen_height: screen.height,
    viewport_width: innerWidth,
    viewport_height: innerHeight,
    device_type: /iPad|Tablet|Android(?!.*Mobile)/i.test(ua) ? 'tablet' : /Mobi|iPhone|iPod|Android/i.test(ua) ? 'mobile' : 'desktop',
    // Order matters: Edge and Opera also say Chrome; Chrome also says Safari; Android also says Linux.
    browser: first(ua, [['Edge', 'Edg/'], ['Opera', 'OPR/'], ['Firefox'], ['Chrome', 'Chrom(e|ium)/'], ['Safari']]),
    os: first(ua, [['Windows'], ['Android'], ['iOS', 'iPhone|iPad|iPod'], ['macOS', 'Mac OS X'], ['ChromeOS', 'CrOS'], ['Linux']]),
    language: navigator.language,
    // Temporal's answer is free; Intl's first DateTimeFormat costs a page 20-50 ms (loading ICU data).
    timezone: (globalThis as any).Temporal?.Now?.timeZoneId?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
};
