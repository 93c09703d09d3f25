// A page that changed what the SDK builds on: an enumerable member of Object.prototype (old
// libraries, prototype pollution), and a stub of fetch, installed before the SDK, that answers no
// Response or returns no promise.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { init, type Loupe } from '../src/index';

const extend = vi.fn();
const bodies: string[] = [];
// The page's fetch: the SDK's uploads go through it too. The first upload gets a stub's answer, a
// plain object.
const pageFetch = vi.fn(async (input: RequestInfo | URL, request?: RequestInit): Promise<unknown> => {
  if (String(input).includes('/v1/events')) bodies.push(String(request!.body));
  return bodies.length == 1 ? { ok: true } : new Response('{}', { status: 202 });
});
let loupe: Loupe;

beforeAll(() => {
  sessionStorage.clear();
  localStorage.clear();
  (Object.prototype as any).extend = extend;
  window.fetch = pageFetch as unknown as typeof fetch;
  loupe = init({ key: 'pk_p', endpoint: 'https://loupe.test', disable: ['performance', 'navigation', 'actions'] });
});
afterAll(() => delete (Object.prototype as any).extend);

describe('a page that changed what the SDK builds on', () => {
  it('has its events sent, without an empty drop report, and its Object.prototype member never called', async () => {
    loupe.info('first');
    loupe.flush();
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    // The stub's answer neither threw into the page (an unhandled rejection fails the test) nor stopped delivery.
    loupe.info('second');
    loupe.flush();
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    const events = bodies.flatMap((b) => JSON.parse(b).events);
    expect(events.map((e: any) => e.type)).not.toContain('system.client_drops');
    expect(events.filter((e: any) => e.type == 'log.info').map((e: any) => e.data.message)).toEqual(['first', 'second']);
    expect(extend).not.toHaveBeenCalled();
    expect(localStorage.getItem('loupe.offline.drops')).toBe(null);
  });

  it('gives the page what its stub of fetch returned, also when that is no promise', () => {
    const answer = { status: 200 };
    pageFetch.mockReturnValueOnce(answer as unknown as Promise<unknown>);
    expect(window.fetch('/api/x')).toBe(answer);
  });
});
