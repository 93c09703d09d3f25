import { vi } from 'vitest';
import { createTransport, takeDrops } from '../src/transport';

/** The localStorage keys that start like the offline queue's (the SDK's and any a test adds), sorted. */
export const offlineKeys = (): string[] => Object.keys(localStorage).filter((k) => k.startsWith('loupe.offline')).sort();

/** A fetch double answering each call from `statuses` in turn (then 202), recording bodies. */
export function fakeFetch(...answers: (number | [number, string])[]) {
  const bodies: string[] = [];
  const fn = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(String(init?.body));
    const a = answers.shift() ?? 202;
    const [status, retryAfter] = Array.isArray(a) ? a : [a, undefined];
    if (status == 0) throw new TypeError('Failed to fetch');
    return new Response(null, { status, headers: retryAfter ? { 'Retry-After': retryAfter } : {} });
  });
  return { fn: fn as unknown as typeof fetch, bodies, calls: fn };
}

export interface QueueOptions {
  batchSize: number;
  flushInterval: number;
  maxQueue: number;
  maxEventBytes: number;
}

/** A transport to https://loupe.test with fresh drop counts. */
export function pipeline(fetchFn: typeof fetch, options: Partial<QueueOptions> = {}, sessionHead = () => '') {
  takeDrops();
  return createTransport(
    'https://loupe.test/v1/events?key=k',
    fetchFn,
    { batchSize: 20, flushInterval: 2000, maxQueue: 1000, maxEventBytes: 1 << 20, ...options },
    sessionHead,
    (counts) => JSON.stringify({ type: 'system.client_drops', data: { drops: counts } }),
  );
}

export const ev = (i: number, pad = 0) => JSON.stringify({ type: 'custom.t', data: { i, pad: 'p'.repeat(pad) } });

/** Events of every body sent, in order. */
export const sentEvents = (bodies: string[]) => bodies.flatMap((b) => JSON.parse(b).events);

/** Lets resolved promises (the fetch double's) settle under fake timers. */
export const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
