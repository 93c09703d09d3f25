import { describe, expect, it } from 'vitest';
import { readLoginFragment, removeLoginFragment } from './loginFragment';
import { TokenStore } from './tokenStore';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

describe('readLoginFragment', () => {
  it('reads the token of #login=<token>', () => {
    expect(readLoginFragment('#login=abc%2Bdef')).toBe('abc+def');
  });
  it('ignores routes and empty tokens', () => {
    expect(readLoginFragment('#/sessions')).toBeNull();
    expect(readLoginFragment('#login=')).toBeNull();
    expect(readLoginFragment('')).toBeNull();
  });
});

describe('removeLoginFragment', () => {
  it('replaces the fragment in place, keeping path and query', () => {
    window.history.replaceState(null, '', '/?x=1#login=secret');
    removeLoginFragment();
    expect(window.location.hash).toBe('#/sessions');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.href).not.toContain('secret');
  });
});

describe('TokenStore', () => {
  it('keeps the token until it expires', () => {
    let now = 1_000;
    const store = new TokenStore(new MemoryStorage(), () => now);
    store.write({ token: 't', expiresAt: 2_000 });
    expect(store.read()).toEqual({ token: 't', expiresAt: 2_000 });
    now = 2_000;
    expect(store.read()).toBeNull();
  });

  it('forgets garbage', () => {
    const storage = new MemoryStorage();
    storage.setItem('loupe.session', '{not json');
    expect(new TokenStore(storage).read()).toBeNull();
    expect(storage.length).toBe(0);
  });
});
