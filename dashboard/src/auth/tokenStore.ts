import type { Micros } from '../api/types';

/**
 * The dashboard session token lives in sessionStorage: it survives a reload of the tab but not
 * closing it, and is never shared with other tabs (each signs in for itself).
 */
const STORAGE_KEY = 'loupe.session';

export interface StoredSession {
  token: string;
  /** µs since the epoch, as `POST /v1/auth/session` answers it. */
  expiresAt: Micros;
}

export class TokenStore {
  constructor(
    private readonly storage: Storage | null = safeSessionStorage(),
    private readonly nowMicros: () => Micros = () => Date.now() * 1000,
  ) {}

  /** The stored token, or null when there is none or it has expired (then it is forgotten). */
  read(): StoredSession | null {
    const raw = this.storage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredSession>;
      if (typeof parsed.token !== 'string' || !parsed.token) throw new Error('no token');
      const expiresAt = typeof parsed.expiresAt === 'number' ? parsed.expiresAt : Number.POSITIVE_INFINITY;
      if (expiresAt <= this.nowMicros()) {
        this.clear();
        return null;
      }
      return { token: parsed.token, expiresAt };
    } catch {
      this.clear();
      return null;
    }
  }

  write(session: StoredSession): void {
    this.storage?.setItem(STORAGE_KEY, JSON.stringify(session));
  }

  clear(): void {
    this.storage?.removeItem(STORAGE_KEY);
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled by the browser: the token then lives in memory only
  }
}
