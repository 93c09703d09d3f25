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
  // An iPad (iPadOS 13 and later), and an iPhone asking for desktop sites, say they are a Mac; a
  // Mac has no touch screen. Their screens tell them apart (iPhones up to 440 px wide, iPads from 744).
  const ios = /Macintosh/.test(ua) && navigator.maxTouchPoints > 1;
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
    // Kindle Fire tablets: Silk, or a model `KF…` (`KFTHWI`).
    device_type: ios ? (Math.min(screen.width, screen.height) < 600 ? 'mobile' : 'tablet') : /iPad|Tablet|Silk|\bKF[A-Z]{2,4}\b|Android(?!.*Mobile)/i.test(ua) ? 'tablet' : /Mobi|iPhone|iPod|Android/i.test(ua) ? 'mobile' : 'desktop',
    // Order matters: Edge and Opera also say Chrome; Chrome also says Safari; Android also says
    // Linux. On iOS every browser is Safari's engine, named by its own token (CriOS, FxiOS, EdgiOS).
    browser: first(ua, [['Edge', 'Edg'], ['Opera', 'OPR/'], ['Firefox', 'Firefox|FxiOS'], ['Chrome', 'Chrom(e|ium)/|CriOS'], ['Safari']]),
    os: ios ? 'iOS' : first(ua, [['Windows'], ['Android'], ['iOS', 'iPhone|iPad|iPod'], ['macOS', 'Mac OS X'], ['ChromeOS', 'CrOS'], ['Linux']]),
    language: navigator.language,
    // Temporal's answer is free; Intl's first DateTimeFormat costs a page 20-50 ms (loading ICU data).
    timezone: (globalThis as any).Temporal?.Now?.timeZoneId?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
};
