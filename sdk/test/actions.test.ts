import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { observeActions } from '../src/observers/actions';
import { captureEvents, ofType } from './capture';

const events = captureEvents();
beforeAll(() => observeActions({ maskAttribute: 'data-loupe-mask', ignoreAttribute: 'data-loupe-ignore' }));
beforeEach(() => {
  events.length = 0;
  vi.useFakeTimers();
  document.body.innerHTML = `
    <form id="f" action="/pay" method="post">
      <input id="q" name="query">
      <input id="pw" type="password">
      <input id="mail" type="email">
      <input id="cc" autocomplete="cc-number">
      <input id="cvv" name="card_cvv">
      <input id="note" name="note">
      <div data-loupe-mask><input id="custom"><span id="secret-text">Jane Doe</span></div>
      <div data-loupe-ignore><button id="hidden" type="button">Hide me</button><input id="ignored"></div>
      <button id="buy" data-testid="buy">Buy now</button>
    </form>`;
});
afterEach(() => vi.useRealTimers());

const type = (id: string, value: string) => {
  const el = document.getElementById(id) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
};

describe('the actions observer', () => {
  it('records clicks with selectors, text and coordinates', () => {
    document.getElementById('buy')!.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 10, clientY: 20 }));
    expect(ofType(events, 'action.click')[0]).toMatchObject({
      tag: 'button',
      text: 'Buy now',
      x: 10,
      y: 20,
      selectors: { css: '#buy', xpath: '//*[@id="buy"]', data_testid: 'buy', text: 'Buy now' },
    });
  });

  it('records values of ordinary fields', () => {
    type('q', 'red shoes');
    expect(ofType(events, 'action.change')[0]).toMatchObject({ value: 'red shoes', masked: false, tag: 'input' });
  });

  it('masks password, email, card autocomplete, card-like names and the mask attribute', () => {
    for (const id of ['pw', 'mail', 'cc', 'cvv', 'custom']) type(id, 'typed-' + id);
    const changes = ofType(events, 'action.change');
    expect(changes).toHaveLength(5);
    for (const c of changes) {
      expect(c.masked).toBe(true);
      expect(c).not.toHaveProperty('value');
    }
    expect(JSON.stringify(events)).not.toContain('typed-');
  });

  it('masks, in any field, a value that passes Luhn or holds seven digits in a row', () => {
    type('note', '4111 1111 1111 1111');
    type('note', '4111 11'); // a card number half typed when typing paused
    type('note', 'call 555-0123');
    type('note', 'x4111x1111x1111x1111');
    type('note', '42 items in 2026');
    const [card, halfCard, phone, luhnOnly, short] = ofType(events, 'action.change');
    expect(card.masked).toBe(true);
    expect(halfCard).toMatchObject({ masked: false, value: '4111 11' });
    expect(phone.masked).toBe(true);
    expect(phone).not.toHaveProperty('value');
    expect(luhnOnly.masked).toBe(true);
    expect(short).toMatchObject({ masked: false, value: '42 items in 2026' });
  });

  it('masks a card number caught half typed, from the seventh digit', () => {
    type('note', '4111 111');
    expect(ofType(events, 'action.change')[0]).toMatchObject({ masked: true });
    expect(JSON.stringify(events)).not.toContain('4111');
  });

  it('skips ignored elements entirely', () => {
    document.getElementById('hidden')!.click();
    type('ignored', 'x');
    expect(events).toHaveLength(0);
  });

  it('leaves out the text of masked elements', () => {
    document.getElementById('secret-text')!.click();
    expect(ofType(events, 'action.click')[0].text).toBeUndefined();
  });

  it('debounces input to the value where typing paused', () => {
    const q = document.getElementById('q') as HTMLInputElement;
    for (const v of ['r', 're', 'red']) {
      q.value = v;
      q.dispatchEvent(new Event('input', { bubbles: true }));
      vi.advanceTimersByTime(100);
    }
    expect(ofType(events, 'action.input')).toHaveLength(0);
    vi.advanceTimersByTime(500);
    expect(ofType(events, 'action.input')).toEqual([expect.objectContaining({ value: 'red' })]);
  });

  it('waits for typing to pause, however long it goes on', () => {
    const q = document.getElementById('q') as HTMLInputElement;
    for (const v of ['s', 'sh', 'sho', 'shoe', 'shoes']) {
      q.value = v;
      q.dispatchEvent(new Event('input', { bubbles: true }));
      vi.advanceTimersByTime(300);
    }
    expect(ofType(events, 'action.input')).toHaveLength(0);
    vi.advanceTimersByTime(200);
    expect(ofType(events, 'action.input')).toEqual([expect.objectContaining({ value: 'shoes' })]);
  });

  it('sends the input still waiting for typing to pause when the page is left', () => {
    const q = document.getElementById('q') as HTMLInputElement;
    q.value = 'last words';
    q.dispatchEvent(new Event('input', { bubbles: true }));
    window.dispatchEvent(new Event('pagehide'));
    expect(ofType(events, 'action.input')).toEqual([expect.objectContaining({ value: 'last words' })]);
    vi.advanceTimersByTime(500);
    expect(ofType(events, 'action.input')).toHaveLength(1);
    // Hidden only (a mobile browser may freeze the page without a pagehide): sent too.
    q.value = 'hidden words';
    q.dispatchEvent(new Event('input', { bubbles: true }));
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    document.dispatchEvent(new Event('visibilitychange'));
    hidden.mockRestore();
    expect(ofType(events, 'action.input').map((d) => d.value)).toEqual(['last words', 'hidden words']);
  });

  it('never records keys typed into sensitive fields, nor printable keys typed into fields', () => {
    const key = (id: string, k: string, extra = {}) =>
      document.getElementById(id)!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...extra }));
    key('pw', 'Enter');
    vi.advanceTimersByTime(200);
    key('q', 'a');
    vi.advanceTimersByTime(200);
    key('q', 'Enter');
    vi.advanceTimersByTime(200);
    key('buy', 'k', { ctrlKey: true });
    expect(ofType(events, 'action.key').map((d) => [d.key, d.modifiers])).toEqual([
      ['Enter', undefined],
      ['k', ['ctrl']],
    ]);
  });

  it('records submit with action and method', () => {
    document.getElementById('f')!.dispatchEvent(new Event('submit', { bubbles: true }));
    expect(ofType(events, 'action.submit')[0]).toMatchObject({ action: '/pay', method: 'post', selectors: { css: '#f' } });
  });

  it('keeps a password field masked after a "show password" button made it a text field', () => {
    document.body.innerHTML = '<input id="pw" name="pw" type="password">';
    const pw = document.getElementById('pw') as HTMLInputElement;
    pw.value = 'hunter2';
    pw.dispatchEvent(new Event('input', { bubbles: true }));
    pw.type = 'text';
    vi.advanceTimersByTime(600);
    pw.value = 'hunter22';
    pw.dispatchEvent(new Event('change', { bubbles: true }));
    expect(JSON.stringify(events)).not.toContain('hunter2');
    expect(ofType(events, 'action.input')).toMatchObject([{ masked: true, input_type: 'text' }]);
    expect(ofType(events, 'action.change')).toMatchObject([{ masked: true }]);
  });

  it('masks fields whose name or id the redaction rules call sensitive', () => {
    document.body.innerHTML = '<input name="api_key"><input id="pwd"><input name="auth">';
    for (const input of document.querySelectorAll('input')) {
      input.value = 'live_3f9a0c77e1d2b4a8';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
    expect(ofType(events, 'action.change').map((d) => d.masked)).toEqual([true, true, true]);
    expect(JSON.stringify(events)).not.toContain('live_');
  });

  it('records no text of a clicked element under the mask attribute or editable, not even as a selector', () => {
    document.body.innerHTML =
      '<table data-loupe-mask><tr><td>Jane Doe, SSN 078-05-1120</td></tr></table><div contenteditable="true">card 4242 4242 4242 4242</div><button>Pay</button>';
    for (const el of document.querySelectorAll('td, div, button')) el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    const clicks = ofType(events, 'action.click');
    expect(JSON.stringify(clicks)).not.toMatch(/Jane|078|4242/);
    expect(clicks.map((d) => d.text)).toEqual([undefined, undefined, 'Pay']);
    expect(clicks[2].selectors.text).toBe('Pay');
  });
});
