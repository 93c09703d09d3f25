import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { ApiClient } from '../api/client';
import { ApiContext } from '../api/ApiContext';
import { ClockContext } from '../replay/ClockContext';
import type { Clock } from '../replay/Clock';
import { fakeFetch, type Handler } from './fakeFetch';

/** Renders a page with an ApiClient on a fake server (and, if given, a fake replay clock). */
export function renderWithApi(ui: ComponentChildren, routes: Record<string, Handler>, options: { clock?: Clock; token?: string } = {}) {
  const server = fakeFetch(routes);
  const onUnauthorized = { calls: 0 };
  const api = new ApiClient({ getToken: () => options.token ?? 'test-token', onUnauthorized: () => onUnauthorized.calls++, fetch: server.fetch });
  const tree = <ApiContext.Provider value={api}>{ui}</ApiContext.Provider>;
  const result = render(options.clock ? <ClockContext.Provider value={options.clock}>{tree}</ClockContext.Provider> : tree);
  return { ...result, api, server, onUnauthorized };
}
