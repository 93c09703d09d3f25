import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './routes';

/** The current hash route, following `hashchange` (back/forward, links, `navigate`). */
export function useHashRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener('popstate', onChange);
    };
  }, []);
  return parseRoute(hash);
}

/**
 * Moves to `hash`. `replace` rewrites the current history entry (used for filter changes, so
 * Back leaves the list instead of stepping through every keystroke).
 */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (window.location.hash === hash) return;
  if (options.replace) {
    window.history.replaceState(window.history.state, '', hash);
    // replaceState fires neither hashchange nor popstate; tell the router ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
