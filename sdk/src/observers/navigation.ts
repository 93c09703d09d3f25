/**
 * Page views and navigation: the full page view at start, SPA navigation through
 * history.pushState/replaceState (wrapped: the original runs first and its result is returned),
 * popstate and hashchange, and the Navigation API (`navigation.navigate()` that an app intercepts,
 * which changes the URL without any of those), each as `page.navigate` followed by a `page.view`
 * of the new URL; visibility changes. A URL that did not change is no navigation (replaceState of
 * state only). A replace before the page view of the navigation it follows has gone out (a router
 * normalizing the URL it just pushed) makes that one page view, of the URL it ends at.
 */
import { emit } from '../emit';
import { on, safely, wrap } from '../guard';

/** Returns what records a page view of the current URL. */
export function observeNavigation(onView: () => void): () => void {
  let last = location.href;
  /** The page view not yet sent, and the page it came from. */
  let pending: any = 0;
  let referrer = '';

  const view = (referrer: string, url = location.href) => {
    emit('page.view', { url, title: document.title || undefined, referrer: referrer || undefined }, 'load', false, url);
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
    if (kind == 'replace' && pending) clearTimeout(pending);
    else referrer = from;
    // The next task, so that the title the app sets on navigation is already there; the URL is
    // this navigation's, which the next one (a redirect, a quick back) may have replaced by then.
    const r = referrer;
    const t = setTimeout(() => safely(() => (pending == t && (pending = 0), view(r, to))));
    pending = t;
  };

  for (const kind of ['push', 'replace']) wrap(history, kind + 'State', () => (result) => (safely(navigated, kind, kind + 'State'), result));
  for (const [kind, type] of [['pop', 'popstate'], ['hash', 'hashchange']]) on(type, () => navigated(kind, type));
  // A task later, so that pushState, popstate and hashchange (which also change the current entry)
  // are recorded as themselves first; where there is no Navigation API this listens on window, to nothing.
  on('currententrychange', (e) => setTimeout(() => safely(navigated, e.navigationType == 'traverse' ? 'pop' : e.navigationType, 'currententrychange')), (window as any).navigation);
  // visibilityState is 'visible' or 'hidden' (the old 'prerender' state is gone from browsers).
  on('visibilitychange', () => emit('page.visibility', { state: document.visibilityState }, 'visibilitychange'), document);
  view(document.referrer);
  return () => view('');
}
