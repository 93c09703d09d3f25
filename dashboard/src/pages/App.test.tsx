import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { App, SESSION_ENDED_MESSAGE } from '../App';
import { TokenStore } from '../auth/tokenStore';
import { fakeFetch, json } from '../test/fakeFetch';
import { session } from '../test/fixtures';

const FAR_FUTURE = (Date.now() + 3_600_000) * 1000;

function server(overrides: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    'POST /v1/auth/session': (call) =>
      (call.body as { token: string }).token === 'admin-key' || (call.body as { token: string }).token === 'login-token'
        ? { session_token: 'sess-1', expires_at: FAR_FUTURE }
        : json({ error: 'unauthorized', message: 'unknown key' }, 401),
    'GET /v1/sessions': { data: [session()], total: 1, next_cursor: null },
    ...overrides,
  });
}

describe('App sign-in', () => {
  it('shows the login form when signed out, and the sessions after signing in with the admin key', async () => {
    const s = server();
    render(<App fetchImpl={s.fetch} />);
    fireEvent.input(screen.getByTestId('login-token'), { target: { value: 'admin-key' } });
    fireEvent.submit(screen.getByTestId('login-form'));
    await screen.findByTestId('session-row');
    expect(JSON.parse(sessionStorage.getItem('loupe.session')!)).toEqual({ token: 'sess-1', expiresAt: FAR_FUTURE });
    const list = s.calls.find((c) => c.path === '/v1/sessions')!;
    expect(list.headers.Authorization).toBe('Bearer sess-1');
  });

  it('says so when the key is refused', async () => {
    render(<App fetchImpl={server().fetch} />);
    fireEvent.input(screen.getByTestId('login-token'), { target: { value: 'nope' } });
    fireEvent.submit(screen.getByTestId('login-form'));
    expect((await screen.findByTestId('login-error')).textContent).toMatch(/not accepted/);
  });

  it('exchanges #login=<token> by itself and removes it from the address bar', async () => {
    window.history.replaceState(null, '', '/#login=login-token');
    const s = server();
    render(<App fetchImpl={s.fetch} />);
    expect(window.location.hash).toBe('#/sessions');
    await screen.findByTestId('session-row');
    expect(s.calls[0]).toMatchObject({ method: 'POST', path: '/v1/auth/session', body: { token: 'login-token' } });
    expect(window.location.href).not.toContain('login-token');
  });

  it('also takes a login link pasted into a tab that is already open', async () => {
    const s = server();
    render(<App fetchImpl={s.fetch} />);
    window.location.hash = '#login=login-token';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByTestId('session-row');
    expect(window.location.hash).toBe('#/sessions');
  });

  it('goes back to login with a message when any call answers 401', async () => {
    new TokenStore().write({ token: 'revoked', expiresAt: FAR_FUTURE });
    render(<App fetchImpl={server({ 'GET /v1/sessions': () => json({ error: 'unauthorized', message: 'unknown token' }, 401) }).fetch} />);
    expect((await screen.findByTestId('login-message')).textContent).toBe(SESSION_ENDED_MESSAGE);
    expect(sessionStorage.getItem('loupe.session')).toBeNull();
  });

  it('signs out on request', async () => {
    new TokenStore().write({ token: 'sess-1', expiresAt: FAR_FUTURE });
    render(<App fetchImpl={server().fetch} />);
    fireEvent.click(await screen.findByTestId('sign-out'));
    await waitFor(() => expect(screen.getByTestId('login-form')).toBeTruthy());
    expect(sessionStorage.getItem('loupe.session')).toBeNull();
  });
});
