import { describe, expect, it, vi } from 'vitest';

describe('the script tag build', () => {
  it('starts from its own data-* attributes and exposes window.loupe', async () => {
    const script = document.createElement('script');
    script.src = 'https://loupe.test/sdk/loupe.js';
    Object.assign(script.dataset, { key: 'pk_tag', batchSize: '5', disable: 'console, performance' });
    Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
    const sent: string[] = [];
    window.fetch = vi.fn(async (url: RequestInfo | URL) => (sent.push(String(url)), new Response(null, { status: 202 }))) as any;
    await import('../src/script-tag');
    const w = window as any;
    expect(typeof w.loupe.init).toBe('function');
    expect(w.__loupe).toBeDefined();
    // batchSize 5: the page view plus four events make a request, to the script's own origin.
    for (let i = 0; i < 4; i++) w.loupe.track('t', { i });
    await vi.waitFor(() => expect(sent).toEqual(['https://loupe.test/v1/events?key=pk_tag']));
    // console is disabled: not wrapped.
    expect(console.log.toString()).not.toContain('busy');
  });
});
