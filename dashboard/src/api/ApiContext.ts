import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './client';

/** The app's one ApiClient, given to pages through context so tests can hand them a fake. */
export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext.Provider>');
  return api;
}
