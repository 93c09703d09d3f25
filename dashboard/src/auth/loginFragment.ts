/**
 * The server prints a dashboard URL ending in `#login=<token>` at start-up (as Jupyter does).
 * A fragment never reaches the server's logs; we read it once and then remove it from the
 * address bar and the history entry, so the token is not left where it can be copied.
 */

export function readLoginFragment(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith('login=')) return null;
  const value = fragment.slice('login='.length).split('&')[0];
  try {
    const token = decodeURIComponent(value).trim();
    return token || null;
  } catch {
    return null;
  }
}

/** Replaces the current history entry's fragment with `nextHash` (default: the sessions list). */
export function removeLoginFragment(nextHash = '#/sessions', location: Location = window.location, history: History = window.history): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}${nextHash}`);
}
