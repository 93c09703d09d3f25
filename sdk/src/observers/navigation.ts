/**
 * Page views and navigation: the full page view at start, SPA navigation through
 * history.pushState/replaceState (wrapped: the original runs first and its result is returned),
 * popstate and hashchange, each as `page.navigate` followed by a `page.view` of the new URL;
 * visibility changes. A URL that did not change is no navigation (replaceState of state only).
 */
import { emit } from '../emit';
import { on, safely, wrap } from '../guard';

export function observeNavigation(onView: () => void): void {
  let last = location.href;

  const view = (referrer: string, url = location.href) => {
    emit('page.view', { url, title: document.title || undefined, referrer: referrer || undefined }, 'load');
    onView();
  };

  /** `kind`: push, replace, pop or hash; `native`: the DOM event or method. */
  const navigated = (kind: string, native: string) => {
    const from = last;
    const to = (last = location.href);
    if (to == from) return;
    // A popstate that only changed the fragment is a hash navigation.
    if (kind == 'pop' && to.split('#')[0] == from.split('#')[0]) (kind = 'hash'), (native = 'hashchange');
    emit('page.navigate', { from, to, kind }, native);
    // The next task, so that the title the app sets on navigation is already there; the URL is
    // this navigation's, which the next one (a redirect, a quick back) may have replaced by then.
    setTimeout(() => safely(view, from, to));
  };

  for (const kind of ['push', 'replace']) wrap(history, kind + 'State', () => (result) => (safely(navigated, kind, kind + 'State'), result));
  for (const [kind, type] of [['pop', 'popstate'], ['hash', 'hashchange']]) on(type, () => navigated(kind, type));
  // visibilityState is 'visible' or 'hidden' (the old 'prerender' state is gone from browsers).
  on('visibilitychange', () => emit('page.visibility', { state: document.visibilityState }, 'visibilitychange'), document);
  view(document.referrer);
}
