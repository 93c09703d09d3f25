import { useState } from 'preact/hooks';

/**
 * Sign-in with the admin key or the login token the server printed at start-up. `message`
 * explains why we are here again (a 401 elsewhere, an expired session); `error` is about the
 * last attempt on this form.
 */
export function LoginPage({
  onSubmit,
  busy,
  message,
  error,
}: {
  onSubmit: (token: string) => void;
  busy: boolean;
  message: string | null;
  error: string | null;
}) {
  const [token, setToken] = useState('');
  return (
    <main class="login">
      <form
        class="login__card"
        data-testid="login-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim()) onSubmit(token.trim());
        }}
      >
        <div class="login__brand">
          <span class="nav__logo" aria-hidden="true" /> Loupe
        </div>
        <h1 class="login__title">Sign in</h1>
        {message && (
          <p class="notice notice--warn" role="status" data-testid="login-message">
            {message}
          </p>
        )}
        <label class="field">
          <span class="field__label">Admin key or login token</span>
          <input
            class="input"
            type="password"
            name="token"
            autocomplete="off"
            spellcheck={false}
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
            disabled={busy}
            data-testid="login-token"
            autoFocus
          />
        </label>
        <p class="field__hint">
          The server prints a login token and a dashboard link at start-up; opening that link signs you in directly.
        </p>
        {error && (
          <p class="notice notice--error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" class="button button--primary" disabled={busy || !token.trim()} data-testid="login-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
