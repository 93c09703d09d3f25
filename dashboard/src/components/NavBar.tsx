import { LIVE_HREF, STATS_HREF, sessionsHref, type Route } from '../router/routes';

/** The top bar: the three places, and signing out. */
export function NavBar({ route, onSignOut }: { route: Route; onSignOut: () => void }) {
  const current = route.name === 'session' ? 'sessions' : route.name;
  const link = (name: string, href: string, label: string) => (
    <a href={href} class={current === name ? 'nav__link nav__link--active' : 'nav__link'} aria-current={current === name ? 'page' : undefined} data-testid={`nav-${name}`}>
      {label}
    </a>
  );
  return (
    <header class="nav">
      <a class="nav__brand" href={sessionsHref()}>
        <span class="nav__logo" aria-hidden="true" />
        Loupe
      </a>
      <nav class="nav__links">
        {link('sessions', sessionsHref(), 'Sessions')}
        {link('live', LIVE_HREF, 'Live')}
        {link('stats', STATS_HREF, 'Statistics')}
      </nav>
      <button type="button" class="button button--ghost nav__signout" onClick={onSignOut} data-testid="sign-out">
        Sign out
      </button>
    </header>
  );
}
