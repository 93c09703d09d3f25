/**
 * Page views and navigation: the full page view at start, SPA navigation through
 * history.pushState/replaceState (wrapped: the original runs first and its result is returned),
 * popstate and hashchange, and the Navigation API (`navigation.navigate()` that an app intercepts,
 * which changes the URL without any of those), each as `page.navigate` followed by a `page.view`
 * of the new URL; visibility changes. A URL that did not change is no navigation (replaceState of
 * state only).
 *
 * A page view waits VIEW_MS after its navigation, so that it has the title the app sets for the
 * new route (React Router renders it in a transition, 40 ms later in a review's app), and a replace
 * meanwhile (a router normalizing the URL it just pushed, a `<Navigate replace>` redirect) makes
 * it one page view, of the URL it ends at. The next navigation or the page being hidden sends it
 * at once. The first page view waits for the document's `<title>` if the SDK came before it.
 */
import { clearTimer, nowUs, setTimer } from '../clock';
import { emit } from '../emit';
import { on, safely, wrap } from '../guard';

/** How long a page view waits after its navigation (see above). */
export const VIEW_MS = 100;

/** Returns what records a page view of the current URL. */
export const observeNavigation = (onView: () => void): () => void => {
  let last = location.href;
  /** Sends the page view not yet sent (0: none), and its timer. */
  let due: any = 0;
  let timer: any;
  let referrer = document.referrer;
  /** When the page of the view not yet sent was navigated to (µs). */
  let at = nowUs();

  // What sends the view of `url` (its referrer and time fixed now). Timed when the page was
  // navigated to (`at`), however much later it is sent: the route's own requests, made
  // meanwhile, belong to it (a HAR's pages, the session's timeline). `own`: sent
  // by its own timer or DOMContentLoaded, when the page shows it (what onView, the screenshot,
  // needs); not by the next navigation (the URL has changed) nor as the page is hidden.
  const view = (referrer: string, url: string, at?: number) => (own?: unknown) => {
    emit('page.view', { url, title: document.title || undefined, referrer: referrer || undefined }, 'load', false, url, at);
    own && onView();
  };
  const fire = (own?: unknown) => {
    clearTimer(timer);
    const d = due;
    due = 0;
    d && d(own);
  };

  /** `kind`: push, replace, pop or hash; `native`: the DOM event or method. */
  const navigated = (kind: string, native: string) => {
    const from = last;
    const to = (last = location.href);
    if (to == from) return;
    // A popstate that only changed the fragment is a hash navigation.
    if (kind == 'pop' && to.split('#')[0] == from.split('#')[0]) (kind = 'hash'), (native = 'hashchange');
    // The view of the navigation before goes first, unless this one replaces it, keeping its
    // referrer, its time and its timer (a replace on every keystroke does not put it off).
    const fresh = kind != 'replace' || !due;
    if (fresh) fire(), (referrer = from);
    emit('page.navigate', { from, to, kind }, native);
    // Timed after its navigation's event, so that sorted by time the view comes after it.
    if (fresh) (at = nowUs()), (timer = setTimer(() => safely(fire, 1), VIEW_MS));
    // Its URL is this navigation's, which the next one (a redirect, a quick back) may have replaced by then.
    due = view(referrer, to, at);
  };

  for (const kind of ['push', 'replace']) wrap(history, kind + 'State', () => (result) => (safely(navigated, kind, kind + 'State'), result));
  for (const [kind, type] of [['pop', 'popstate'], ['hash', 'hashchange']]) on(type, () => navigated(kind, type));
  // A task later, so that pushState, popstate and hashchange (which also change the current entry)
  // are recorded as themselves first; where there is no Navigation API this listens on window, to nothing.
  on('currententrychange', (e) => setTimer(() => safely(navigated, e.navigationType == 'traverse' ? 'pop' : e.navigationType, 'currententrychange')), (window as any).navigation);
  // visibilityState is 'visible' or 'hidden' (the old 'prerender' state is gone from browsers).
  // Hidden may be the last a page hears (a mobile browser freezes it without a pagehide): the view
  // waiting goes then, and at pagehide; both before the SDK's own listeners, which send what is queued.
  on('visibilitychange', () => (document.hidden && fire(), emit('page.visibility', { state: document.visibilityState }, 'visibilitychange')), document);
  on('pagehide', () => fire());
  // Of the URL it was loaded at: a push before DOMContentLoaded sends it first, having changed it.
  due = view(referrer, last, at);
  document.readyState == 'loading' ? on('DOMContentLoaded', () => fire(1), document) : fire(1);
  return () => view('', location.href)(1);
};
