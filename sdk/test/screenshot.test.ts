// @vitest-environment jsdom
// What the screenshot plugin's copy of the page must not show or do (src/screenshot/plugin.ts);
// e2e/tests/sdk-screenshots.test.mjs checks the rendered image in Chromium.
import { beforeEach, describe, expect, it } from 'vitest';
import { clone, maskClone } from '../src/screenshot/plugin';
import type { ScreenshotRequest } from '../src/screenshot/loader';

const r = { maskAttribute: 'data-loupe-mask', ignoreAttribute: 'data-loupe-ignore' } as ScreenshotRequest;
/** The copy html2canvas itself makes (a custom element's loses its attributes). */
const own = (el: Element) => () => (el.localName.includes('-') ? document.createElement('html2canvascustomelement') : (el.cloneNode(false) as Element));
const copyOf = (el: Element) => clone(el, own(el), r);

describe('the screenshot copy', () => {
  beforeEach(() => (document.body.innerHTML = ''));

  it('marks what is under the mask attribute, across shadow roots and custom elements', () => {
    document.body.innerHTML = '<x-card data-loupe-mask><p>light</p></x-card><div><span>open</span></div>';
    const host = document.querySelector('x-card')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<b>inside</b>';
    expect(copyOf(host).hasAttribute('data-loupe-masked')).toBe(true);
    expect(copyOf(root.querySelector('b')!).hasAttribute('data-loupe-masked')).toBe(true);
    expect(copyOf(host.querySelector('p')!).hasAttribute('data-loupe-masked')).toBe(true);
    expect(copyOf(document.querySelector('span')!).hasAttribute('data-loupe-masked')).toBe(false);
  });

  it('copies an iframe without what would load it again', () => {
    document.body.innerHTML = '<iframe src="/frame.html" srcdoc="<p>x</p>" width="200"></iframe>';
    const c = copyOf(document.querySelector('iframe')!);
    expect([c.localName, c.getAttribute('src'), c.getAttribute('srcdoc'), c.getAttribute('width')]).toEqual(['iframe', null, null, '200']);
  });

  it('draws an image not loaded yet, or masked, as an empty one of its size', () => {
    document.body.innerHTML = '<img loading="lazy" src="/big.jpg" srcset="/big2.jpg 2x" width="30" height="20"><img data-loupe-mask src="/face.jpg" width="5" height="5"><img src="/ok.png">';
    const [lazy, masked, loaded] = document.querySelectorAll('img');
    for (const img of [lazy, loaded]) Object.defineProperty(img, 'complete', { value: img == loaded });
    Object.defineProperty(masked, 'complete', { value: true });
    for (const img of [lazy, masked]) {
      const c = copyOf(img) as HTMLImageElement;
      // No source at all (a data: image would be a violation of a strict CSP's img-src).
      expect([c.getAttribute('src'), c.getAttribute('srcset'), c.getAttribute('loading'), c.width, c.height]).toEqual([null, null, null, img.width, img.height]);
    }
    expect((copyOf(loaded) as HTMLImageElement).getAttribute('src')).toBe('/ok.png');
  });

  it("drops a masked picture's sources, and a masked element's background image", () => {
    document.body.innerHTML = '<picture data-loupe-mask><source srcset="/face.webp" type="image/webp"><img src="/face.jpg"></picture><div data-loupe-mask style="background-image: url(/bg.png)"></div>';
    const source = copyOf(document.querySelector('source')!);
    expect([source.localName, source.getAttribute('srcset'), source.getAttribute('type')]).toEqual(['source', null, 'image/webp']);
    expect((copyOf(document.querySelector('div')!) as HTMLElement).style.getPropertyValue('background-image')).toBe('none');
  });

  it('copies objects and embeds without what they load', () => {
    document.body.innerHTML = '<object data="/widget.html" width="50"></object><embed src="/clip.swf" width="40">';
    expect([...document.querySelectorAll('object, embed')].map((e) => copyOf(e).outerHTML)).toEqual(['<object width="50"></object>', '<embed width="40">']);
  });

  it('blanks masked and editable text, values, and text the value rules would redact', () => {
    document.body.innerHTML = `
      <div data-loupe-masked>Jane <b>Doe</b></div>
      <p>mail jane.doe@example.com</p>
      <p>card 4242 4242 4242 4242</p>
      <p>Plain words stay</p>
      <style>.logo { background: url(/img/logo@2x.png) }</style>
      <input value="typed"><textarea>notes</textarea>`;
    maskClone(document);
    const texts = [...document.querySelectorAll('div, p')].map((e) => e.textContent!.trim());
    expect(texts).toEqual(['•••• •••', '•••• ••••••••••••••••••••', '•••• •••• •••• •••• ••••', 'Plain words stay']);
    // A style sheet is not the page's text: `logo@2x.png` reads like an email, but stays.
    expect(document.querySelector('style')!.textContent).toBe('.logo { background: url(/img/logo@2x.png) }');
    expect(document.querySelector('input')!.value).toBe('•••••');
    expect(document.querySelector('textarea')!.value).toBe('•••••');
  });

  it('takes editable elements as masked', () => {
    document.body.innerHTML = '<div contenteditable="true"><span>draft</span></div>';
    const span = document.querySelector('span')!;
    // jsdom has no isContentEditable (browsers do): as a browser answers.
    Object.defineProperty(span, 'isContentEditable', { value: true });
    expect(copyOf(span).hasAttribute('data-loupe-masked')).toBe(true);
  });
});
