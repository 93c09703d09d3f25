// @vitest-environment jsdom
// jsdom, because happy-dom has no XPath to check the selectors against.
import { beforeEach, describe, expect, it } from 'vitest';
import { selectors, TEXT_CHECKS, textOf } from '../src/selectors';

// jsdom has no CSS.escape, which every browser has; enough of it for these ids.
(globalThis as any).CSS ??= { escape: (s: string) => s.replace(/[^\w-]/g, (c) => (c == '\n' ? '\\a ' : '\\' + c)) };

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
      expect(byXpath(s.xpath!), s.xpath).toEqual([el]);
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

describe('an element\'s text', () => {
  it('is its text content with whitespace collapsed, cut, however it is split into nodes', () => {
    document.body.innerHTML = `<li id="a">
        Patient   <b>Ann</b>\n\n   <i>   Roe </i>  </li><table><tr><td id="b">${'<span> x </span>'.repeat(500)}</td></tr></table><p id="c">${' '.repeat(5000)}<span>late</span></p>`;
    for (const id of ['a', 'b', 'c'])
      for (const max of [3, 10, 65, 100]) {
        const el = document.getElementById(id)!;
        expect(textOf(el, max), `${id} ${max}`).toBe(el.textContent!.replace(/\s+/g, ' ').trim().slice(0, max));
      }
  });
});

describe('selectors in pages that shadow DOM properties', () => {
  it('ends where a document has an element named host, instead of looping', () => {
    document.body.innerHTML = '<form name="host"></form><p><button>Buy</button></p>';
    // As browsers have it: a named form is a property of the document (jsdom does not do this).
    Object.defineProperty(document, 'host', { value: document.forms[0], configurable: true });
    const button = document.querySelector('button')!;
    const s = selectors(button);
    expect(s.css).toBe('html > body > p > button');
    expect(byXpath(s.xpath!)).toEqual([button]);
    delete (document as any).host;
  });

  it("reads a form's own id and children where its controls are named so", () => {
    document.body.innerHTML = `
      <form><input type="hidden" name="id" value="7"><input name="children"><button>Save</button></form>
      <form id="edit"><input name="id"><button>Save</button></form>`;
    // As browsers have it: a form's controls are properties of the form, by name (jsdom does not
    // do this; its own selector engine would not take a form whose localName is shadowed).
    for (const form of Array.from(document.forms)) for (const c of Array.from(form.elements)) Object.defineProperty(form, (c as HTMLInputElement).name || 'x', { value: c });
    const [first, second] = Array.from(document.querySelectorAll('button'));
    // (jsdom's own XPath reads the shadowed properties: the XPath is checked as text.)
    expect(selectors(first)).toMatchObject({ css: 'html > body > form:nth-of-type(1) > button', xpath: '/html/body/form[1]/button' });
    // (jsdom's selector engine reads the shadowed id too: Chromium's finds both, e2e/tests/sdk-actions.)
    expect(selectors(second).xpath).toMatch(/^\/\/\*\[@id="edit"\]\/button$|^\/html\/body\/form\[2\]\/button$/);
  });

  it('escapes a tag name that is no CSS identifier, and a data-testid value', () => {
    document.body.innerHTML = '<p>Hi<o:p></o:p></p><x-a.b></x-a.b><button data-testid="a\nb">Go</button><button data-testid=\'say "hi"\'>Hi</button>';
    const word = document.querySelector('p')!.lastElementChild!;
    const s = selectors(word);
    // (jsdom's engines find neither; Chromium's find it: e2e/tests/sdk-actions.)
    expect(s.css).toBe('html > body > p > o\\:p');
    expect(s.xpath).toBe('/html/body/p/*[local-name()="o:p"]');
    expect(selectors(document.body.children[1]).css).toBe('html > body > x-a\\.b');
    expect(Array.from(document.querySelectorAll('button')).map((b) => selectors(b).data_testid)).toEqual(['a\nb', 'say "hi"']);
  });
});

describe('selectors inside shadow roots', () => {
  /** `<x-outer>` with an open shadow root holding `inner`; returns the root. */
  const host = (parent: ParentNode, tag: string, inner: string): ShadowRoot => {
    const h = document.createElement(tag);
    parent.appendChild(h);
    const root = h.attachShadow({ mode: 'open' });
    root.innerHTML = inner;
    return root;
  };
  /** Follows a ` >>> `-joined CSS path down through the shadow roots, as Puppeteer does. */
  const pierce = (css: string): Element[] => {
    let scopes: ParentNode[] = [document];
    for (const part of css.split(' >>> ')) {
      scopes = scopes.flatMap((s) => Array.from(s.querySelectorAll(part)).filter((e) => e.getRootNode() == (s instanceof Element ? s.shadowRoot : s)));
      scopes = scopes.map((e) => ((e as Element).shadowRoot as ParentNode) || e);
    }
    return scopes as Element[];
  };

  it('joins a path for each tree with >>>, so that it names only that element', () => {
    document.body.innerHTML = '<div id="app"><section></section><section></section></div><div><button>Pay</button></div>';
    const outer = host(document.querySelectorAll('section')[1], 'x-form', '<div><button>Pay</button></div><div><button>Pay</button></div>');
    const inner = host(outer.querySelectorAll('div')[1], 'x-field', '<span><button data-testid="go">Go</button></span>');
    const deep = inner.querySelector('button')!;
    const s = selectors(deep);
    expect(s.css).toBe('#app > section:nth-of-type(2) > x-form >>> div:nth-of-type(2):not(* > *) > x-field >>> span:not(* > *) > button');
    expect(pierce(s.css)).toEqual([deep]);
    // Not a path that the light DOM's own `div > button` could be taken for.
    const second = outer.querySelectorAll('button')[1];
    expect(selectors(second).css).toBe('#app > section:nth-of-type(2) > x-form >>> div:nth-of-type(2):not(* > *) > button');
    expect(pierce(selectors(second).css)).toEqual([second]);
    // XPath cannot enter a shadow root: none rather than one that finds another element.
    expect(s.xpath).toBeUndefined();
    expect(s.data_testid).toBe('go');
    expect(s.text).toBe('Go');
    // Text is unique only if its own tree has no other element with it.
    expect(selectors(second).text).toBeUndefined();
  });

  it("names only the shadow tree's top level, not a deeper element with the same path", () => {
    document.body.innerHTML = '<main></main>';
    const root = host(document.querySelector('main')!, 'x-list', '<div></div><div><button>A</button><div></div><div><button>B</button></div></div>');
    for (const b of root.querySelectorAll('button')) expect(pierce(selectors(b).css), selectors(b).css).toEqual([b]);
  });

  it('anchors at an id unique within the shadow tree, then goes on from its host', () => {
    document.body.innerHTML = '<main><p></p></main>';
    const root = host(document.querySelector('main')!, 'x-card', '<div id="body"><button>Ok</button></div>');
    // The same id in the document does not make the shadow tree's one ambiguous.
    document.body.insertAdjacentHTML('beforeend', '<div id="body"></div>');
    const b = root.querySelector('button')!;
    expect(selectors(b).css).toBe('html > body > main > x-card >>> #body > button');
    expect(pierce(selectors(b).css)).toEqual([b]);
  });

  it('still gives a CSS path for a detached element, without XPath', () => {
    const img = document.createElement('div').appendChild(document.createElement('img'));
    expect(selectors(img)).toEqual({ css: 'div > img' });
  });
});

describe('selectors in a big page', () => {
  it('gives no text selector where checking it would read thousands of texts', () => {
    const cells = (n: number) => '<table><tr>' + Array.from({ length: n }, (_, i) => `<td>cell ${i}</td>`).join('') + '</tr></table>';
    document.body.innerHTML = cells(TEXT_CHECKS - 1);
    expect(selectors(document.querySelector('td')!).text).toBe('cell 0');
    document.body.innerHTML = cells(TEXT_CHECKS);
    const s = selectors(document.querySelector('td')!);
    expect(s.text).toBeUndefined();
    expect(Array.from(document.querySelectorAll(s.css))).toEqual([document.querySelector('td')]);
    // jsdom reads thousands of texts slowly (about 4 s on an idle 2-core machine): not a measure of speed.
  }, 30_000);
});
