import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, uuid } from '../src/session';

const MIN = 60000;

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
});
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
    expect(createSession(30 * MIN, 1)._id()).toBe(id);
  });

  it('starts a session of its own in a tab opened by window.open, whose storage is a copy of its opener\'s, keeping the user', () => {
    const opener = createSession(30 * MIN, 1);
    const id = opener._id();
    opener._user('user-7');
    // The opened tab's sessionStorage is a copy of the opener's, and the opener still holds it.
    const held = sessionStorage.getItem('loupe.session');
    const openerStorage = { getItem: (k: string) => (k == 'loupe.session' ? held : null) };
    Object.defineProperty(window, 'opener', { value: { sessionStorage: openerStorage }, configurable: true });
    try {
      const tab = createSession(30 * MIN, 1);
      const own = tab._id();
      expect(own).not.toBe(id);
      expect(tab._user()).toBe('user-7');
      // Its reloads keep its own session (the opener's differs from it now).
      expect(createSession(30 * MIN, 1)._id()).toBe(own);
      // An opener of another origin cannot be read: the copy is kept.
      Object.defineProperty(window, 'opener', {
        get() {
          return { get sessionStorage() { throw new DOMException('Blocked a frame', 'SecurityError'); } };
        },
        configurable: true,
      });
      expect(createSession(30 * MIN, 1)._id()).toBe(own);
    } finally {
      Object.defineProperty(window, 'opener', { value: null, configurable: true });
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
    expect(createSession(30 * MIN, 1)._id()).toBe(second);
  });

  it('sends the metadata once per session, with the URL it started on', () => {
    const s = createSession(30 * MIN, 1);
    s._id();
    expect(s._takeStart()).toBe(location.href);
    expect(s._takeStart()).toBeUndefined();
    expect(createSession(30 * MIN, 1)._takeStart()).toBeUndefined(); // after a reload too
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
