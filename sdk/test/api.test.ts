import { beforeAll, describe, expect, it, vi } from 'vitest';
import { init, type Loupe } from '../src/index';

const sent: { url: string; body: any }[] = [];
const pageFetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
  if (String(input).includes('/v1/events')) sent.push({ url: String(input), body: JSON.parse(String(init!.body)) });
  return new Response('{}', { status: 202, headers: { 'content-type': 'application/json' } });
});
let loupe: Loupe;

beforeAll(() => {
  sessionStorage.clear();
  localStorage.clear();
  window.fetch = pageFetch as unknown as typeof fetch;
  loupe = init({ key: 'pk_1', endpoint: 'https://loupe.test/', disable: ['performance'] });
});

const flushed = async () => {
  loupe.flush();
  await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
  const events = sent.flatMap((s) => s.body.events);
  return { events, first: sent[0] };
};

describe('init', () => {
  it('is harmless to call twice: the first instance stays', () => {
    expect(init({ key: 'other' })).toBe(loupe);
    expect((window as any).__loupe).toBe(loupe);
  });

  it('sends the session metadata with the first batch, and the events, redacted', async () => {
    sent.length = 0;
    loupe.info('checkout started', { scope: 'cart', request_id: 'r-1', password: 'hunter2', items: 2 });
    loupe.track('Checkout Started!', { total: 9.5, email: 'jane@example.com' });
    loupe.identify('user-7', { plan: 'pro' });
    loupe.track('count', 5 as unknown as object);
    console.log('contact jane@example.com');
    const { events, first } = await flushed();
    expect(first.url).toBe('https://loupe.test/v1/events?key=pk_1');
    expect(first.body.session).toMatchObject({ session_id: events[0].session_id, page_url: location.href, device_type: 'desktop' });
    const byType = Object.fromEntries(events.map((e: any) => [e.type, e]));
    expect(byType['log.info'].data).toEqual({ message: 'checkout started', scope: 'cart', request_id: 'r-1', context: { password: '[REDACTED:key]', items: 2 } });
    expect(byType['custom.checkout_started'].data).toEqual({ total: 9.5, email: '[REDACTED:email]' });
    expect(byType['custom.count'].data).toEqual({ value: 5 });
    expect(byType['session.identify'].data).toEqual({ user_id: 'user-7', traits: { plan: 'pro' } });
    expect(byType['console.log'].data.message).toBe('contact [REDACTED:email]');
    expect(byType['page.view'].data.url).toBe(location.href);
    for (const e of events) {
      expect(e.source.kind).toBe('page');
      expect(Number.isInteger(e.ts)).toBe(true);
      expect(e.ts).toBeGreaterThan(946684800000000); // µs after 2000
      expect(e.category).toBe(e.type.split('.')[0]);
    }
  });

  it('does not record its own uploads, nor send the metadata twice', async () => {
    sent.length = 0;
    loupe.warn('again');
    const { events, first } = await flushed();
    expect(first.body.session).toBeUndefined();
    expect(events.filter((e: any) => e.type == 'network.request')).toEqual([]);
    // They go through the fetch the page had before init, not through the SDK's wrapper: the upload
    // just made left no event behind to send.
    expect(window.fetch).not.toBe(pageFetch);
    sent.length = 0;
    await new Promise((r) => setTimeout(r, 10));
    loupe.flush();
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toEqual([]); // nothing recorded about the uploads themselves, so nothing more to send
  });

  it('gives scope and request_id as text, and leaves out an empty context', async () => {
    sent.length = 0;
    loupe.warn('numbers', { scope: 5, request_id: 7 });
    const { events } = await flushed();
    expect(events.find((e: any) => e.type == 'log.warn').data).toEqual({ message: 'numbers', scope: '5', request_id: '7' });
  });

  it('redacts form-encoded request bodies before they leave the page', async () => {
    sent.length = 0;
    await fetch('/login', { method: 'POST', body: new URLSearchParams({ user: 'ann', password: 'hunter2', otp: '123456' }) });
    await new Promise((r) => setTimeout(r, 10));
    const { events } = await flushed();
    const request = events.find((e: any) => e.type == 'network.request').data;
    expect(request.request_body).toBe('user=ann&password=[REDACTED:query]&otp=[REDACTED:query]');
    expect(JSON.stringify(sent)).not.toContain('hunter2');
  });

  it('records the page fetches through the wrapper', async () => {
    sent.length = 0;
    await fetch('/api/ping');
    await new Promise((r) => setTimeout(r, 10));
    const { events } = await flushed();
    expect(events.find((e: any) => e.type == 'network.request').data.url).toBe(location.origin + '/api/ping');
  });

  it('keeps a context that is no plain object as `value`, and sends only the types and users the server takes', async () => {
    sent.length = 0;
    const err = new TypeError('db down');
    loupe.error('with an error', err);
    loupe.warn('with null', null as unknown as object);
    loupe.info('with text', 'detail' as unknown as object);
    loupe.track('a..b.', {});
    loupe.track('x'.repeat(200), {});
    loupe.identify(undefined as unknown as string);
    loupe.identify('', { plan: 'free' });
    loupe.identify('u-2', 'gold' as unknown as object);
    const { events } = await flushed();
    const data = (type: string) => events.filter((e: any) => e.type == type).map((e: any) => e.data);
    expect(data('log.error')).toEqual([{ message: 'with an error', context: { value: { name: 'TypeError', message: 'db down', stack: err.stack } } }]);
    expect(data('log.warn')).toEqual([{ message: 'with null' }]);
    expect(data('log.info')).toEqual([{ message: 'with text', context: { value: 'detail' } }]);
    const custom = events.filter((e: any) => e.type.startsWith('custom.')).map((e: any) => e.type);
    expect(custom).toEqual(['custom.a.b', 'custom.' + 'x'.repeat(93)]);
    expect(custom[1]).toHaveLength(100);
    expect(data('session.identify')).toEqual([{ user_id: 'u-2', traits: { value: 'gold' } }]);
  });

  it('reports an error the app handled as error.custom, with its frames, its cause and a redacted context', async () => {
    sent.length = 0;
    const cause = new TypeError('Failed to fetch');
    const err = new Error('could not save the cart', { cause });
    err.stack = 'Error: could not save the cart\n    at save (https://shop.example/cart.js:12:5)';
    loupe.captureError(err, { cart: 'c-9', token: 'secret-token' });
    loupe.captureError('quota exceeded');
    loupe.captureError(new RangeError());
    const { events } = await flushed();
    const custom = events.filter((e: any) => e.type == 'error.custom');
    expect(custom[0].source.event).toBe('loupe.captureError');
    expect(custom[0].data).toMatchObject({
      message: 'could not save the cart',
      name: 'Error',
      frames: [{ function: 'save', url: 'https://shop.example/cart.js', line: 12, column: 5 }],
      cause: { name: 'TypeError', message: 'Failed to fetch' },
      handled: true,
      context: { cart: 'c-9', token: '[REDACTED:key]' },
    });
    expect(custom.slice(1).map((e: any) => [e.data.message, e.data.name, e.data.handled])).toEqual([
      ['quota exceeded', undefined, true],
      ['RangeError', 'RangeError', true],
    ]);
  });
});
