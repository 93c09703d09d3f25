import { beforeAll, describe, expect, it, vi } from 'vitest';
import { init, type Loupe, type LoupeEvent } from '../src/index';

const sent: any[] = [];
// The page's own state, which a filter may attach to an event.
const store = { user: 'ann', password: 'hunter2', requestHeaders: { Cookie: 'sid=1', Accept: 'text/html' } };
const cycle: any = { name: 'loop' };
cycle.self = cycle;
const seen: LoupeEvent[] = [];
let loupe: Loupe;

beforeAll(() => {
  sessionStorage.clear();
  localStorage.clear();
  window.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).includes('/v1/events')) sent.push(JSON.parse(String(init!.body)));
    return new Response('{}', { status: 202 });
  }) as unknown as typeof fetch;
  loupe = init({
    key: 'pk_1',
    endpoint: 'https://loupe.test/',
    disable: ['performance', 'navigation'],
    // The page's own filter: drops the noise, adds to what it keeps, and has a fault of its own.
    beforeSend(event) {
      seen.push(event);
      const message = (event.data as any).message;
      if (message == 'ResizeObserver loop completed with undelivered notifications.') return null;
      if (message == 'a bug in the filter') throw new Error('the filter failed');
      if (message == 'returns nothing') return;
      if (message == 'logs') console.debug('[app] sending', event.type); // would feed itself
      if (message == 'attaches the store') return Object.assign(event, { data: { message, context: store } });
      if (message == 'a cycle') return Object.assign(event, { data: { message, context: cycle } });
      (event.data as any).context = { ...(event.data as any).context, owner: 'jane@example.com' };
      return event;
    },
  });
});

describe('beforeSend', () => {
  it('sends what it returns, redacted, and leaves out (and counts) what it drops or fails on', async () => {
    loupe.warn('ResizeObserver loop completed with undelivered notifications.');
    loupe.info('checkout started', { password: 'hunter2' });
    loupe.error('a bug in the filter');
    loupe.info('returns nothing');
    loupe.flush();
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    // The filter sees every event as it was made, secrets included (they are in the page anyway).
    expect(seen.map((e) => [e.type, (e.data as any).message])).toEqual([
      ['log.warn', 'ResizeObserver loop completed with undelivered notifications.'],
      ['log.info', 'checkout started'],
      ['log.error', 'a bug in the filter'],
      ['log.info', 'returns nothing'],
    ]);
    loupe.info('later');
    loupe.flush();
    await vi.waitFor(() => expect(sent.flatMap((b) => b.events).some((e: any) => e.data.message == 'later')).toBe(true));
    const events = sent.flatMap((b) => b.events);
    expect(events.filter((e: any) => e.type.startsWith('log.')).map((e: any) => [e.data.message, e.data.context])).toEqual([
      // What the filter added is redacted like the rest.
      ['checkout started', { password: '[REDACTED:key]', owner: '[REDACTED:email]' }],
      ['later', { owner: '[REDACTED:email]' }],
    ]);
    expect(events.find((e: any) => e.type == 'system.client_drops').data.drops).toEqual({ before_send: 3 });
  });

  it('sends a copy of the page objects it attaches, makes no events of its own, and counts what it cannot send', async () => {
    sent.length = 0;
    loupe.info('logs');
    loupe.info('attaches the store');
    loupe.info('a cycle');
    loupe.flush();
    await vi.waitFor(() => expect(sent.flatMap((b) => b.events).some((e: any) => e.data.message == 'attaches the store')).toBe(true));
    loupe.info('later again');
    loupe.flush();
    await vi.waitFor(() => expect(sent.flatMap((b) => b.events).some((e: any) => e.data.message == 'later again')).toBe(true));
    const events = sent.flatMap((b) => b.events);
    // The console call inside the filter is no event (it would have gone through the filter again, without end).
    expect(events.filter((e: any) => e.type.startsWith('console.'))).toEqual([]);
    expect(events.find((e: any) => e.data.message == 'attaches the store').data.context).toEqual({
      user: 'ann',
      password: '[REDACTED:key]',
      requestHeaders: { Accept: 'text/html' },
    });
    // The page's state is as it was: redaction changed the copy.
    expect(store).toEqual({ user: 'ann', password: 'hunter2', requestHeaders: { Cookie: 'sid=1', Accept: 'text/html' } });
    expect(events.find((e: any) => e.type == 'system.client_drops').data.drops).toEqual({ before_send: 1 });
  });
});

