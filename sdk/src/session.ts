/**
 * The session: an id kept in sessionStorage (one per tab, surviving reloads) that is replaced
 * after `timeout` ms without events. The record also remembers whether the session's metadata has
 * been sent (it goes once, as the `session` object of the session's first batch) and whether the
 * session was sampled out.
 */
interface SessionRecord {
  id: string;
  /** Last activity, ms since the epoch. */
  last: number;
  /** Metadata sent. */
  sent?: 1;
  /** Sampled out: nothing is captured. */
  out?: 1;
  /** The page URL the session started on. */
  url: string;
}

const KEY = 'loupe.session';
const WRITE_EVERY_MS = 1000;

const rnd = (): number =>
  typeof crypto != 'undefined' && crypto.getRandomValues ? crypto.getRandomValues(new Uint8Array(1))[0] : (Math.random() * 256) | 0;

/** A UUID v4: crypto.randomUUID where available (secure contexts), else built from random bytes. */
export function uuid(): string {
  if (typeof crypto != 'undefined' && crypto.randomUUID) return crypto.randomUUID();
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (rnd() & (15 >> (+c / 4)))).toString(16));
}

function storage(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined; // blocked (sandboxed iframe, privacy settings): the session lives in memory only
  }
}

export class Session {
  private rec: SessionRecord | undefined;
  private written = 0;

  constructor(
    private readonly timeout: number,
    private readonly sampleRate: number,
  ) {
    try {
      this.rec = JSON.parse(storage()?.getItem(KEY) || 'null') || undefined;
    } catch {}
  }

  /** The current session id, starting a new session when the last one timed out. Marks activity. */
  id(): string {
    const now = Date.now();
    let r = this.rec;
    if (!r || now - r.last > this.timeout) {
      r = this.rec = { id: uuid(), last: now, url: location.href };
      if (Math.random() >= this.sampleRate) r.out = 1;
      this.written = 0;
    }
    r.last = now;
    if (now - this.written >= WRITE_EVERY_MS) this.save();
    return r.id;
  }

  get sampledOut(): boolean {
    this.id();
    return !!this.rec!.out;
  }

  /** Once per session, the session's first URL: the caller sends the metadata now. */
  takeStart(): string | undefined {
    const r = this.rec;
    if (!r || r.sent) return undefined;
    r.sent = 1;
    this.save();
    return r.url;
  }

  save(): void {
    this.written = Date.now();
    try {
      storage()?.setItem(KEY, JSON.stringify(this.rec));
    } catch {}
  }
}
