// @vitest-environment jsdom
// jsdom retargets events that leave a shadow root to its host, as browsers do (happy-dom does not).
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeActions } from '../src/observers/actions';
import { captureEvents, ofType } from './capture';

const events = captureEvents();
beforeAll(() => observeActions({ maskAttribute: 'data-loupe-mask', ignoreAttribute: 'data-loupe-ignore' }));
beforeEach(() => {
  events.length = 0;
  vi.useFakeTimers();
  document.body.innerHTML = '';
});
afterEach(() => vi.useRealTimers());

const type = (el: HTMLElement, keys: string) => {
  for (const key of keys) {
    vi.advanceTimersByTime(150);
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
  }
};
const inShadow = (host: string, html: string, mode: ShadowRootMode = 'open') => {
  const h = document.body.appendChild(document.createElement(host));
  const root = h.attachShadow({ mode });
  root.innerHTML = html;
  return { host: h, root };
};

describe('actions privacy', () => {
  it('never records keys or values of a password field inside a shadow root', () => {
    const { root } = inShadow('my-password', '<input type="password" name="x">');
    const input = root.querySelector('input')!;
    type(input, 'hunter2');
    input.value = 'hunter2';
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    expect(JSON.stringify(events)).not.toMatch(/hunter2|"key":"[a-z0-9]"/);
    expect(ofType(events, 'action.change')).toMatchObject([{ masked: true, input_type: 'password' }]);
  });

  it('takes keys typed into a custom element (a closed shadow root) for typing into a field', () => {
    const { root } = inShadow('secret-box', '<input type="password">', 'closed');
    type(root.querySelector('input')!, 'pw');
    type(document.body, 'j');
    expect(ofType(events, 'action.key').map((d) => d.key)).toEqual(['j']);
  });

  it('applies the mask and ignore attributes across shadow roots', () => {
    const masked = inShadow('x-masked', '<input name="note"><td>Jane Doe</td>');
    masked.host.setAttribute('data-loupe-mask', '');
    const input = masked.root.querySelector('input')!;
    input.value = 'plain words';
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    const ignored = inShadow('x-ignored', '<button>Go</button>');
    ignored.host.setAttribute('data-loupe-ignore', '');
    ignored.root.querySelector('button')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(ofType(events, 'action.change')).toMatchObject([{ masked: true }]);
    expect(ofType(events, 'action.click')).toEqual([]);
    expect(JSON.stringify(events)).not.toContain('plain words');
  });
});
