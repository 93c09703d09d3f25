import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeNavigation, VIEW_MS } from '../src/observers/navigation';
import { captureEvents, ofType } from './capture';

const events = captureEvents();
const views = vi.fn();
// The Navigation API (Chromium), as an app that intercepts navigations sees it.
const navigation = new EventTarget();
beforeAll(() => {
  (window as any).navigation = navigation;
  observeNavigation(views);
});
beforeEach(() => {
  events.length = 0;
  views.mockClear();
});

describe('the navigation observer', () => {
  it('records SPA navigation and a page view of the new URL', async () => {
    const from = location.href;
    const result = history.pushState({ a: 1 }, '', '/products?id=3');
    expect(result).toBeUndefined();
    expect(history.state).toEqual({ a: 1 });
    expect(ofType(events, 'page.navigate')).toEqual([{ from, to: location.origin + '/products?id=3', kind: 'push' }]);
    await vi.waitFor(() => expect(ofType(events, 'page.view')).toHaveLength(1));
    expect(ofType(events, 'page.view')[0]).toMatchObject({ url: location.origin + '/products?id=3', referrer: from });
    expect(views).toHaveBeenCalledTimes(1);
  });

  it('gives each page view the URL navigated to, also when the next navigation comes first', async () => {
    const start = location.href;
    const at = (path: string) => location.origin + path;
    history.pushState(null, '', '/cart');
    history.pushState(null, '', '/checkout'); // before the first view's task runs
    const mine = () => ofType(events, 'page.view').filter((v) => [at('/cart'), at('/checkout')].includes(v.url));
    await vi.waitFor(() => expect(mine()).toHaveLength(2));
    expect(mine().map((v) => [v.url, v.referrer])).toEqual([
      [at('/cart'), start],
      [at('/checkout'), at('/cart')],
    ]);
  });

  it('makes one page view of a push and the replace that follows it at once', async () => {
    const start = location.href;
    const at = (path: string) => location.origin + path;
    history.pushState(null, '', '/b');
    history.replaceState(null, '', '/b?x=1'); // a router normalizing the URL it pushed
    expect(ofType(events, 'page.navigate').map((n) => n.kind)).toEqual(['push', 'replace']);
    await vi.waitFor(() => expect(ofType(events, 'page.view')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(ofType(events, 'page.view')).toMatchObject([{ url: at('/b?x=1'), referrer: start }]);
    expect(events.find((e) => e.type == 'page.view')!.url).toBe(at('/b?x=1'));
  });

  it('waits for the title the app sets after its navigation, and makes a redirect meanwhile one page view', () => {
    // Any page view still waiting from an earlier test goes now.
    window.dispatchEvent(new Event('pagehide'));
    events.length = 0;
    vi.useFakeTimers();
    try {
      const start = location.href;
      history.pushState(null, '', '/old');
      // As React Router does: the new route renders, and sets its title, in a transition…
      vi.advanceTimersByTime(40);
      document.title = 'About';
      // …and a `<Navigate replace>` redirects: one page view, VIEW_MS after the push.
      history.replaceState(null, '', '/about?from=old');
      vi.advanceTimersByTime(VIEW_MS - 40 - 1);
      expect(ofType(events, 'page.view')).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(ofType(events, 'page.view')).toEqual([{ url: location.origin + '/about?from=old', title: 'About', referrer: start }]);
      // Timed when the page was navigated to, not when the view was sent (the route's requests
      // meanwhile belong to it), and never before its navigation's own event.
      const navigatedAt = events.find((e) => e.type == 'page.navigate')!.ts;
      const viewedAt = events.find((e) => e.type == 'page.view')!.ts;
      expect(viewedAt - navigatedAt).toBeGreaterThanOrEqual(0);
      expect(viewedAt - navigatedAt).toBeLessThan(40_000);
      expect(views).toHaveBeenCalledTimes(1);
      // A replace on every keystroke (a search box) does not put the view off.
      events.length = 0;
      history.pushState(null, '', '/search');
      // (Four keystrokes 30 ms apart: without the timer kept, the view would wait until 30 ms after the last.)
      for (const q of ['s', 'sh', 'sho', 'shoe']) history.replaceState(null, '', '/search?q=' + q), vi.advanceTimersByTime(30);
      expect(ofType(events, 'page.view').map((v) => v.url)).toEqual([location.origin + '/search?q=shoe']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends a page view still waiting at once when the page is left or hidden, without its side effects', () => {
    window.dispatchEvent(new Event('pagehide'));
    events.length = 0;
    views.mockClear();
    vi.useFakeTimers();
    const hidden = vi.spyOn(document, 'hidden', 'get');
    try {
      history.pushState(null, '', '/leaving');
      window.dispatchEvent(new Event('pagehide'));
      expect(ofType(events, 'page.view').map((v) => v.url)).toEqual([location.origin + '/leaving']);
      // Hidden may be the last a page hears (a mobile browser freezes it): the view goes first.
      history.pushState(null, '', '/frozen');
      hidden.mockReturnValue(true);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(events.filter((e) => /page\.(view|visibility)/.test(e.type)).map((e) => e.type)).toEqual(['page.view', 'page.view', 'page.visibility']);
      vi.runAllTimers();
      expect(ofType(events, 'page.view')).toHaveLength(2);
      // No screenshot of a page being left.
      expect(views).not.toHaveBeenCalled();
    } finally {
      hidden.mockRestore();
      vi.useRealTimers();
    }
  });

  it("makes a page view's screenshot only of the page it is of: not when the next navigation sends it", () => {
    window.dispatchEvent(new Event('pagehide'));
    events.length = 0;
    views.mockClear();
    vi.useFakeTimers();
    try {
      // A route guard redirecting with a push: /b's view goes at /c's navigation, /c's on its timer.
      history.pushState(null, '', '/b');
      history.pushState(null, '', '/c');
      vi.advanceTimersByTime(VIEW_MS);
      expect(ofType(events, 'page.view').map((v) => v.url)).toEqual([location.origin + '/b', location.origin + '/c']);
      expect(views).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('records a navigation of the Navigation API that pushState and popstate did not', async () => {
    const from = location.href;
    // What an intercepted navigation.navigate() does: the URL changes, the current entry with it.
    (history as any).__proto__.pushState.call(history, null, '', '/nav-api');
    navigation.dispatchEvent(Object.assign(new Event('currententrychange'), { navigationType: 'push' }));
    await vi.waitFor(() => expect(ofType(events, 'page.view')).toHaveLength(1));
    expect(ofType(events, 'page.navigate')).toEqual([{ from, to: location.origin + '/nav-api', kind: 'push' }]);
    expect(events.find((e) => e.type == 'page.navigate')!.source.event).toBe('currententrychange');
    // pushState changes the current entry too: recorded once, as pushState.
    events.length = 0;
    history.pushState(null, '', '/after');
    navigation.dispatchEvent(Object.assign(new Event('currententrychange'), { navigationType: 'push' }));
    await vi.waitFor(() => expect(ofType(events, 'page.view')).toHaveLength(1));
    expect(events.filter((e) => e.type == 'page.navigate').map((e) => e.source.event)).toEqual(['pushState']);
  });

  it('ignores replaceState that keeps the URL, records one that changes it', () => {
    history.replaceState({ b: 1 }, '');
    expect(events).toHaveLength(0);
    history.replaceState(null, '', '/products?id=4');
    expect(ofType(events, 'page.navigate')[0].kind).toBe('replace');
  });

  it('tells hash navigation from other history navigation', () => {
    history.pushState(null, '', '/p#top');
    events.length = 0;
    history.replaceState(null, '', '/p#reviews'); // as if the user followed an anchor …
    events.length = 0;
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(events).toHaveLength(0); // … already recorded: a URL that did not change is no navigation
    window.history.pushState(null, '', '/p#specs');
    events.length = 0;
    (history as any).__proto__.replaceState.call(history, null, '', '/p#faq'); // the unwrapped original
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(ofType(events, 'page.navigate')[0]).toMatchObject({ kind: 'hash', to: location.origin + '/p#faq' });
  });

  it('records visibility changes', () => {
    document.dispatchEvent(new Event('visibilitychange'));
    expect(ofType(events, 'page.visibility')[0]).toEqual({ state: document.visibilityState == 'hidden' ? 'hidden' : 'visible' });
  });
});
