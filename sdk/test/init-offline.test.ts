import { expect, it, vi } from 'vitest';
import { init } from '../src/index';
import { save } from '../src/transport';
import { offlineKeys } from './transport-helpers';

it('sends what an earlier page kept offline, a task after init rather than during it', async () => {
  localStorage.clear();
  save([{ b: '{"events":[{"type":"custom.earlier","data":{"n":1}}]}', n: 1 }]);
  const sent: string[] = [];
  window.fetch = vi.fn(async (_input: RequestInfo | URL, request?: RequestInit) => {
    sent.push(String(request!.body));
    return new Response(null, { status: 202 });
  }) as unknown as typeof fetch;
  init({ key: 'pk_1', endpoint: 'https://loupe.test', disable: ['performance', 'navigation'] });
  // Reading localStorage is a synchronous trip to the browser process: not part of the page's load.
  expect(sent).toEqual([]);
  expect(offlineKeys()).toHaveLength(1);
  await vi.waitFor(() => expect(sent).toEqual(['{"events":[{"type":"custom.earlier","data":{"n":1}}]}']));
  expect(offlineKeys()).toEqual([]);
});
