/**
 * Page views and navigation: the full page view at start, SPA navigation through
 * history.pushState/replaceState (wrapped: the original runs first and its result is returned),
 * popstate and hashchange, each as `page.navigate` followed by a `page.view` of the new URL;
 * visibility changes. A URL that did not change is no navigation (replaceState of state only).
 */
import { emit } from '../emit';
import { safely } from '../guard';

type Kind = 'push' | 'replace' | 'pop' | 'hash';

export function observeNavigation(onView: () => void): void {
  let last = location.href;

  const view = (referrer: string) => {
    emit('page.view', { url: location.href, title: document.title || undefined, referrer: referrer || undefined }, 'load');
    onView();
  };

  const navigated = (kind: Kind) => {
    const to = location.href;
    if (to == last) return;
    const from = last;
    last = to;
    // A popstate that only changed the fragment is a hash navigation.
    if (kind == 'pop' && to.split('#')[0] == from.split('#')[0]) kind = 'hash';
    emit('page.navigate', { from, to, kind }, kind == 'hash' ? 'hashchange' : kind == 'pop' ? 'popstate' : kind + 'State');
    // The next task, so that the title the app sets on navigation is already there.
    setTimeout(() => safely(() => view(from)));
  };

  for (const [method, kind] of [['pushState', 'push'], ['replaceState', 'replace']] as const) {
    const original = history[method];
    history[method] = function (this: History) {
      const result = original.apply(this, arguments as any);
      safely(() => navigated(kind));
      return result;
    };
  }
  addEventListener('popstate', () => safely(() => navigated('pop')));
  addEventListener('hashchange', () => safely(() => navigated('hash')));
  document.addEventListener('visibilitychange', () =>
    safely(() => emit('page.visibility', { state: document.visibilityState == 'hidden' ? 'hidden' : 'visible' }, 'visibilitychange')),
  );
  view(document.referrer);
}
