// @vitest-environment jsdom
// jsdom, because happy-dom has no XPath to check the selectors against.
import { beforeEach, describe, expect, it } from 'vitest';
import { selectors } from '../src/selectors';

// jsdom has no CSS.escape, which every browser has; enough of it for these ids.
(globalThis as any).CSS ??= { escape: (s: string) => s.replace(/[^\w-]/g, '\\$&') };

const byXpath = (x: string) => {
  const r = document.evaluate(x, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
  return Array.from({ length: r.snapshotLength }, (_, i) => r.snapshotItem(i));
};

describe('selectors', () => {
  beforeEach(() => {
    document.body.innerHTML = `
      <div id="app">
        <ul><li>One</li><li>Two</li><li>Two</li></ul>
        <section><button class="b">Buy</button><button data-testid="cancel">Cancel</button></section>
        <section><button class="b">Buy</button><a href="#">Help</a></section>
      </div>
      <p><span>free</span></p>`;
  });

  it('gives a CSS selector and an XPath that match exactly the element', () => {
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const s = selectors(el);
      expect(Array.from(document.querySelectorAll(s.css)), s.css).toEqual([el]);
      expect(byXpath(s.xpath), s.xpath).toEqual([el]);
    }
  });

  it('anchors at the nearest unique id', () => {
    const second = document.querySelectorAll('button.b')[1];
    expect(selectors(second).css).toBe('#app > section:nth-of-type(2) > button');
    expect(selectors(second).xpath).toBe('//*[@id="app"]/section[2]/button');
    expect(selectors(document.getElementById('app')!).css).toBe('#app');
    expect(selectors(document.querySelector('span')!).xpath).toBe('/html/body/p/span');
  });

  it('does not anchor at an id that redaction would change', () => {
    document.body.innerHTML = '<ul id="users"><li id="user-jane.doe@example.com"><button>Remove</button></li></ul>';
    const s = selectors(document.querySelector('button')!);
    expect(s.css).toBe('#users > li > button');
    expect(s.xpath).toBe('//*[@id="users"]/li/button');
  });

  it('gives an XPath that matches SVG elements, and a text no element of another tag shares', () => {
    document.body.innerHTML = '<svg><rect></rect><rect></rect></svg><a href="#">Buy</a><button>Buy</button><button>Pay</button>';
    // (jsdom's XPath cannot evaluate local-name(); Chromium finds exactly this element with it.)
    expect(selectors(document.querySelectorAll('rect')[1]).xpath).toBe('/html/body/*[local-name()="svg"]/*[local-name()="rect"][2]');
    expect(selectors(document.querySelector('a')!).text).toBeUndefined();
    expect(selectors(document.querySelectorAll('button')[1]).text).toBe('Pay');
  });

  it('gives text and data-testid only when they are unique', () => {
    const [one, two] = document.querySelectorAll('li');
    expect(selectors(one).text).toBe('One');
    expect(selectors(two).text).toBeUndefined();
    expect(selectors(document.querySelector('a')!).text).toBe('Help');
    expect(selectors(document.querySelector('button.b')!).text).toBeUndefined();
    const cancel = document.querySelector('[data-testid]')!;
    expect(selectors(cancel)).toMatchObject({ data_testid: 'cancel', text: 'Cancel' });
    document.body.insertAdjacentHTML('beforeend', '<i data-testid="cancel"></i>');
    expect(selectors(cancel).data_testid).toBeUndefined();
  });
});
