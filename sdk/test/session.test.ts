import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, uuid } from '../src/session';

const MIN = 60000;

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
});

/** The page goes away (its pagehide), as before a reload or the next page of the tab. */
const leave = () => dispatchEvent(new Event('pagehide'));
/** The tab's next page load. */
const reload = () => (leave(), createSession(30 * MIN, 1));
afterEach(() => vi.useRealTimers());

describe('the session', () => {
  it('is a UUID v4, also without crypto.randomUUID', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(uuid()).toMatch(v4);
    vi.spyOn(crypto, 'randomUUID').mockImplementation(undefined as any);
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    const ids = new Set(Array.from({ length: 50 }, uuid));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(v4);
  });

  it('keeps its id across page loads of the tab while active', () => {
    const id = createSession(30 * MIN, 1)._id();
    vi.advanceTimersByTime(29 * MIN);
    expect(reload()._id()).toBe(id);
  });

  it('starts a session of its own in a tab that starts with a copy of an open tab\'s storage, keeping the user', () => {
    const first = createSession(30 * MIN, 1);
    const id = first._id();
    first._user('user-7');
    // A tab the browser duplicates, or one the page opens with window.open, starts with a copy of
    // this tab's sessionStorage, made while this tab's page is shown.
    const copy = Object.fromEntries(Object.entries(sessionStorage));
    leave();
    sessionStorage.clear();
    Object.assign(sessionStorage, copy);
    const tab = createSession(30 * MIN, 1);
    const own = tab._id();
    expect(own).not.toBe(id);
    expect(tab._user()).toBe('user-7');
    // Its reloads keep its own session.
    expect(reload()._id()).toBe(own);
  });

  it('keeps the session in a page prerendered from it, which starts with a copy of its storage, and marks it live once shown', () => {
    const id = createSession(30 * MIN, 1)._id();
    // Prerendered while this page is shown (its mark copied), then shown in its place.
    Object.defineProperty(document, 'prerendering', { value: true, configurable: true });
    try {
      expect(createSession(30 * MIN, 1)._id()).toBe(id);
      leave();
      expect(sessionStorage.getItem('loupe.live')).toBeNull();
      Object.defineProperty(document, 'prerendering', { value: false, configurable: true });
      document.dispatchEvent(new Event('prerenderingchange'));
      expect(sessionStorage.getItem('loupe.live')).toBeTruthy();
    } finally {
      delete (document as any).prerendering;
    }
  });

  it('keeps the mark of a page restored from the back/forward cache, which is shown before the page it replaces is hidden', () => {
    /** A page of the tab, with its own window listeners, fired one page at a time. */
    const page = () => {
      const handlers: Record<string, (e: Event) => void> = {};
      const add = vi.spyOn(window, 'addEventListener').mockImplementation((type: string, fn: any) => void (handlers[type] = fn));
      try {
        return { session: createSession(30 * MIN, 1), fire: (type: string, persisted = false) => handlers[type](Object.assign(new Event(type), { persisted })) };
      } finally {
        add.mockRestore();
      }
    };
    const a = page();
    const id = a.session._id();
    a.fire('pagehide', true);
    const b = page();
    expect(b.session._id()).toBe(id);
    // Back to A: Chromium shows it, then hides B.
    a.fire('pageshow', true);
    b.fire('pagehide', true);
    expect(sessionStorage.getItem('loupe.live')).toBeTruthy();
  });

  it('is the same tab after a page restored from the back/forward cache, or reloaded after the browser discarded it', () => {
    const id = createSession(30 * MIN, 1)._id();
    // Back/forward cache: hidden, then shown again; the next page of the tab keeps the session.
    leave();
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(reload()._id()).toBe(id);

    // A discarded tab had no pagehide: its storage is still marked live when it loads again.
    Object.defineProperty(document, 'wasDiscarded', { value: true, configurable: true });
    try {
      expect(createSession(30 * MIN, 1)._id()).toBe(id);
    } finally {
      delete (document as any).wasDiscarded;
    }
  });

  it('stores its activity at most once a second, not on every event', () => {
    const s = createSession(30 * MIN, 1);
    const id = s._id();
    const setItem = vi.spyOn(sessionStorage, 'setItem');
    for (let i = 0; i < 100; i++) expect(s._id()).toBe(id);
    expect(setItem).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1001);
    s._id();
    expect(setItem).toHaveBeenCalledTimes(1);
    setItem.mockRestore();
  });

  it('starts a new session after 30 minutes without events', () => {
    const s = createSession(30 * MIN, 1);
    const first = s._id();
    vi.advanceTimersByTime(20 * MIN);
    expect(s._id()).toBe(first); // activity moves the deadline
    vi.advanceTimersByTime(30 * MIN);
    expect(s._id()).toBe(first);
    vi.advanceTimersByTime(30 * MIN + 1);
    const second = s._id();
    expect(second).not.toBe(first);
    expect(reload()._id()).toBe(second);
  });

  it('sends the metadata once per session, with the URL it started on', () => {
    const s = createSession(30 * MIN, 1);
    s._id();
    expect(s._takeStart()).toBe(location.href);
    expect(s._takeStart()).toBeUndefined();
    expect(reload()._takeStart()).toBeUndefined(); // after a reload too
    vi.advanceTimersByTime(31 * MIN);
    s._id();
    expect(s._takeStart()).toBe(location.href);
  });

  it('sends the metadata again when the body that carried it was lost, and only then', () => {
    const s = createSession(30 * MIN, 1);
    const id = s._id();
    expect(s._takeStart()).toBe(location.href);
    s._lost(`{"batch":"b","events":[{"session_id":"${id}"}]}`);
    s._lost(`{"batch":"b","session":{"session_id":"another"},"events":[]}`);
    expect(s._takeStart()).toBeUndefined();
    s._lost(`{"batch":"b","session":{"session_id":"${id}","page_url":"x"},"events":[]}`);
    expect(s._takeStart()).toBe(location.href);
  });

  it('samples whole sessions', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.7);
    expect(createSession(30 * MIN, 0.5)._out()).toBe(true);
    sessionStorage.clear();
    expect(createSession(30 * MIN, 0.8)._out()).toBe(false);
  });
});
