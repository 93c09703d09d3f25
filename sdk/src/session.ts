/**
 * The session: an id kept in sessionStorage (one per tab, surviving reloads) that is replaced
 * after `timeout` ms without events. The record also remembers whether the session's metadata has
 * been sent (it goes once, as the `session` object of the session's first batch) and whether the
 * session was sampled out. Storage may be unavailable (sandboxed iframe, privacy settings): the
 * session then lives in memory only.
 */
import { dateNow } from './clock';
import { on, safely } from './guard';

interface SessionRecord {
  id: string;
  /** Last activity, ms since the epoch. */
  t: number;
  /** The page URL the session started on. */
  u: string;
  /** Metadata sent. */
  s?: 1;
  /** Sampled out: nothing is captured. */
  o?: 1 | true;
  /** The user last identified in this tab, carried into its next sessions. */
  w?: string;
}

export interface Session {
  /** The current session id, starting a new session when the last one timed out. Marks activity. */
  _id(): string;
  /** Whether the current session is sampled out. */
  _out(): boolean;
  /** Once per session, the session's first URL: the caller sends the metadata now. */
  _takeStart(): string | undefined;
  /** A body was lost: if it carried this session's metadata, the metadata is due again. */
  _lost(body: string): void;
  /** Sets the tab's user (a string), or forgets it (null); returns it. */
  _user(userId?: string | null): string | undefined;
}

const KEY = 'loupe.session';
const LIVE = 'loupe.live';

/** A UUID v4: crypto.randomUUID where available (secure contexts), else built from random bytes. */
export const uuid = (): string =>
  crypto.randomUUID?.() || '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+c / 4)))).toString(16));

/** `started` is told of a session that starts while the page is open (the last one timed out). */
export const createSession = (timeout: number, sampleRate: number, started = () => {}): Session => {
  let rec: SessionRecord | undefined = safely(() => JSON.parse(sessionStorage.getItem(KEY)!));
  // A tab starts with a copy of another tab's sessionStorage, and so with the session that tab is
  // using, when the browser duplicates it or a page opens it (window.open, a link with rel=opener).
  // A page marks its tab's storage live while it is shown, so that such a copy starts a session
  // of its own, with the user. The mark goes at pagehide (a reload or the next page of the tab
  // keeps the session) and comes back with a page restored from the back/forward cache. A page
  // reloaded after the browser discarded its tab had no pagehide and is the same tab. A page
  // prerendered (speculation rules) starts with a copy of the storage of the page it is to
  // replace, shown meanwhile: it is marked live once shown. Not in a frame, which shares its
  // page's storage.
  safely(() => {
    if (top != self) return;
    // The mark is the page's own: a page restored from the back/forward cache is shown before the
    // page it replaces is hidden, whose pagehide then leaves the restored page's mark.
    const mark = uuid();
    const live = () => sessionStorage.setItem(LIVE, mark);
    const prerendered = document.prerendering;
    if (!prerendered && sessionStorage.getItem(LIVE) && !(document as any).wasDiscarded && rec) rec.t = 0;
    prerendered ? on('prerenderingchange', live, document) : live();
    on('pagehide', () => sessionStorage.getItem(LIVE) == mark && sessionStorage.removeItem(LIVE));
    on('pageshow', (e) => e.persisted && live());
  });
  let open = 0;
  const save = () => safely(() => sessionStorage.setItem(KEY, JSON.stringify(rec)));
  const id = () => {
    const now = dateNow();
    // Also a new session when the stored record is unreadable (its age is then NaN).
    const fresh = !(now - rec?.t! <= timeout);
    if (fresh) rec = { id: uuid(), t: 0, u: location.href, o: Math.random() >= sampleRate || undefined, w: rec?.w };
    // Activity is stored at most once a second (a new record at once): a storage write on every
    // event cost more than all the rest of capturing a console call (e2e/bench/overhead.mjs).
    if (now - rec!.t > 1e3) (rec!.t = now), save();
    if (fresh && open) started();
    open = 1;
    return rec!.id;
  };
  return {
    _id: id,
    _out: () => (id(), !!rec!.o),
    _takeStart: () => (rec && !rec.s && ((rec.s = 1), save(), rec.u)) || undefined,
    _lost: (body) => void (rec && body.includes(`"session":{"session_id":"${rec.id}"`) && (delete rec.s, save())),
    _user: (userId) => (userId !== undefined && ((rec!.w = userId || undefined), save()), rec?.w),
  };
};
