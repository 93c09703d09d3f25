import { describe, expect, it } from 'vitest';
import { summarizeEvent } from './summarizeEvent';
import { envelope } from '../test/fixtures';

const summary = (type: string, data: Record<string, unknown>) => summarizeEvent(envelope(type, data).event);

describe('summarizeEvent', () => {
  it('says what each kind of event was', () => {
    expect(summary('console.log', { message: 'hello', args: ['hello'] })).toBe('hello');
    expect(summary('log.warn', { message: 'slow', scope: 'cart' })).toBe('[cart] slow');
    expect(summary('error.uncaught', { name: 'TypeError', message: "x is undefined" })).toBe('TypeError: x is undefined');
    expect(summary('error.resource', { message: '', target: { tag: 'img', url: '/a.png' } })).toBe('Failed to load <img> /a.png');
    expect(summary('network.request', { method: 'post', url: '/api' })).toBe('POST /api');
    expect(summary('websocket.message', { direction: 'sent', size: 12, preview: 'ping', url: 'wss://x' })).toBe('↑ sent 12 B ping');
    expect(summary('performance.lcp', { value: 2345.6, unit: 'ms', rating: 'good' })).toBe('LCP 2346 ms · good');
    expect(summary('performance.cls', { value: 0.1234, unit: 'score' })).toBe('CLS 0.123');
    expect(summary('action.click', { selectors: { css: 'button#buy' }, text: 'Buy now' })).toBe('click button#buy "Buy now"');
    expect(summary('action.input', { selectors: { css: '#pw' }, masked: true })).toBe('input #pw (masked)');
    expect(summary('action.key', { key: 'Enter', modifiers: ['ctrl'] })).toBe('key ctrl+Enter');
    expect(summary('page.navigate', { from: '/a', to: '/b', kind: 'push' })).toBe('navigate /a → /b (push)');
    expect(summary('system.client_drops', { drops: { queue_full: 3 } })).toBe('client dropped queue_full 3');
  });

  it('ignores fields of the wrong type instead of printing them', () => {
    expect(summary('network.request', { method: { evil: true }, url: 42 })).toBe('GET');
  });
});
