import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient, ApiError } from './api/client';
import { ApiContext } from './api/ApiContext';
import { exchangeLoginToken } from './api/endpoints';
import { readLoginFragment, removeLoginFragment } from './auth/loginFragment';
import { TokenStore, type StoredSession } from './auth/tokenStore';
import { Loading } from './components/Loading';
import { NavBar } from './components/NavBar';
import { LiveTail } from './pages/LiveTail';
import { LoginPage } from './pages/LoginPage';
import { SessionList } from './pages/SessionList';
import { SessionView } from './pages/SessionView';
import { StatsPage } from './pages/StatsPage';
import { useHashRoute } from './router/useHashRoute';

export const SESSION_ENDED_MESSAGE = 'Your session has ended or was revoked (the server answered 401). Sign in again.';
export const SESSION_EXPIRED_MESSAGE = 'Your session expired. Sign in again.';

/** Longest delay setTimeout takes (about 24.8 days); sessions last 12 h, so this is only a guard. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Holds the sign-in state. Signed out, it shows the login page; signed in, the pages. Any 401
 * from any call, or the session's expiry time passing, signs out with a message saying why.
 */
export function App({ tokenStore: givenStore, fetchImpl }: { tokenStore?: TokenStore; fetchImpl?: typeof fetch }) {
  // One store for the app's life (a default made per render would rebuild the API client each time).
  const [tokenStore] = useState(() => givenStore ?? new TokenStore());
  const [session, setSession] = useState<StoredSession | null>(() => tokenStore.read());
  const sessionRef = useRef(session);
  const [message, setMessage] = useState<string | null>(null);
  const [loginError, setLoginError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Whether the app was opened with a login link: then "Signing in…" shows instead of the form.
  const [openedWithLoginLink] = useState(() => readLoginFragment(window.location.hash) !== null);

  const signOut = useCallback(
    (why: string | null) => {
      tokenStore.clear();
      sessionRef.current = null;
      setSession(null);
      setMessage(why);
    },
    [tokenStore],
  );

  const api = useMemo(
    () =>
      new ApiClient({
        getToken: () => sessionRef.current?.token ?? null,
        onUnauthorized: () => signOut(SESSION_ENDED_MESSAGE),
        fetch: fetchImpl,
      }),
    [fetchImpl, signOut],
  );

  const signIn = useCallback(
    async (token: string) => {
      setBusy(true);
      setLoginError(null);
      try {
        const answer = await exchangeLoginToken(api, token);
        const stored = { token: answer.session_token, expiresAt: answer.expires_at };
        tokenStore.write(stored);
        sessionRef.current = stored;
        setSession(stored);
        setMessage(null);
      } catch (error) {
        setLoginError(loginErrorText(error));
      } finally {
        setBusy(false);
      }
    },
    [api, tokenStore],
  );

  // `#login=<token>`: take it out of the address bar first, then exchange it. Checked at start
  // and on every hash change (the printed link pasted into a tab that is already open).
  useEffect(() => {
    const takeLoginFragment = () => {
      const token = readLoginFragment(window.location.hash);
      if (!token) return;
      removeLoginFragment();
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      void signIn(token);
    };
    takeLoginFragment();
    window.addEventListener('hashchange', takeLoginFragment);
    return () => window.removeEventListener('hashchange', takeLoginFragment);
  }, [signIn]);

  useEffect(() => {
    if (!session || !Number.isFinite(session.expiresAt)) return undefined;
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, session.expiresAt / 1000 - Date.now()));
    const timer = setTimeout(() => signOut(SESSION_EXPIRED_MESSAGE), ms);
    return () => clearTimeout(timer);
  }, [session, signOut]);

  if (!session) {
    if (openedWithLoginLink && busy) return <Loading label="Signing in…" />;
    return <LoginPage onSubmit={(t) => void signIn(t)} busy={busy} message={message} error={loginError} />;
  }
  return (
    <ApiContext.Provider value={api}>
      <Shell onSignOut={() => signOut('You have signed out.')} />
    </ApiContext.Provider>
  );
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const route = useHashRoute();
  return (
    <div class="shell">
      <NavBar route={route} onSignOut={onSignOut} />
      <main class="page">
        {route.name === 'sessions' && <SessionList params={route.params} />}
        {route.name === 'session' && (
          <SessionView key={route.sessionId} sessionId={route.sessionId} initialSeq={seqParam(route.params)} />
        )}
        {route.name === 'live' && <LiveTail params={route.params} />}
        {route.name === 'stats' && <StatsPage />}
      </main>
    </div>
  );
}

function seqParam(params: URLSearchParams): number | null {
  const raw = params.get('seq');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
}

function loginErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'That key or token was not accepted. Check it and try again.';
    if (error.status === 429) return `Too many attempts. Try again${error.retryAfter ? ` in ${error.retryAfter} s` : ' later'}.`;
    return error.message;
  }
  return 'Could not sign in.';
}
