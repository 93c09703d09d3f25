import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeNavigation } from '../src/observers/navigation';
import { captureEvents, ofType } from './capture';

const events = captureEvents();
const views = vi.fn();
beforeAll(() => observeNavigation(views));
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
