/**
 * Selectors for an element that each identify exactly that element: a CSS path anchored at the
 * nearest ancestor with a unique id (else at <html>), using :nth-of-type where siblings share a
 * tag; the same path as XPath; the element's text and data-testid, each given only when no other
 * element shares it (the text only in trees with fewer than TEXT_CHECKS elements a text can
 * name). An id that redaction would change (an email in it) is no anchor: escaped for CSS, it
 * would no longer look like what the rules mask. No layout is read (textContent, never
 * innerText), so computing them never forces a reflow.
 *
 * An element inside (open) shadow roots has a CSS path for each tree, from the document's down to
 * its own, joined by ` >>> `, each part found in the shadow root of what the part before found
 * (Puppeteer's ` >>>> `; its ` >>> ` searches every shadow root below): `#app > x-form
 * >>> div:not(* > *) > button`. Each part is unique within its tree: ids are looked up there, and
 * a path from the top of a shadow tree has `:not(* > *)` (an element without a parent element)
 * on its first element, so that it names only that tree's top level. XPath cannot enter a shadow
 * root, so such an element has no `xpath`, and its text and data-testid are checked for
 * uniqueness within its own tree only.
 */
import { redactString } from './redact';
import { hostOf } from './shadow';

export interface Selectors {
  css: string;
  /** None for an element outside the document's own tree (in a shadow root, or detached). */
  xpath?: string;
  text?: string;
  data_testid?: string;
}

// Tags whose text names them; for containers the text check would cost a walk of the page.
const TEXT_TAGS = 'a,button,label,option,summary,legend,li,td,th,dt,dd,h1,h2,h3,h4,h5,h6';
export const TEXT_CHECKS = 2000;

/**
 * The element's whitespace-normalized text, cut to `max` characters: its text nodes are read only
 * until there is enough (a click checks the texts of up to 2,000 elements, and reading each whole,
 * as textContent does, read megabytes on a page of long list items).
 */
export const textOf = (el: Element, max: number): string => {
  const walker = document.createTreeWalker(el, 4); // NodeFilter.SHOW_TEXT
  let t = '';
  // Normalized as it grows, so that it stays short however much whitespace there is.
  while (t.trim().length <= max && walker.nextNode()) t = (t + (walker.currentNode as Text).data).replace(/\s+/g, ' ');
  return t.trim().slice(0, max);
};

/** The element's text if short enough (64 characters) to be a selector. */
const shortText = (el: Element): string | undefined => {
  const t = textOf(el, 65);
  return t.length < 65 ? t : undefined;
};

/**
 * A node's own `k` as its prototype defines it: a form's controls named `id`, `children` or
 * `localName` (a hidden `<input name="id">`) shadow the form's own properties.
 */
const prop = (n: Node, k: string): any => Reflect.get(Object.getPrototypeOf(n), k, n);

export const selectors = (el: Element): Selectors => {
  const css: string[] = [];
  const xpath: string[] = [];
  let anchor = '/';
  // The tree the element is in: its document, or a shadow root.
  const tree = el.getRootNode() as Document | ShadowRoot;
  for (let e: Element | null = el; e; ) {
    const root = e.getRootNode() as Document | ShadowRoot;
    const host = hostOf(root);
    const ownId: string = prop(e, 'id');
    const tag: string = prop(e, 'localName');
    // A tag name that is no plain name (Word's `o:p`, a custom `x-a.b`) is escaped in CSS and
    // matched by its local name in XPath.
    const plain = /^[a-z][\w-]*$/i.test(tag);
    const id = ownId && '#' + CSS.escape(ownId);
    let up: Element | null = e.parentElement;
    if (id && !ownId.includes('"') && redactString(ownId) == ownId && root.querySelectorAll(id).length == 1) {
      css.unshift(id);
      anchor = `//*[@id="${ownId}"]/`;
      up = null;
    } else {
      // Position among same-tag siblings, when there are several.
      const same = [...(e.parentNode ? prop(e.parentNode, 'children') : [])].filter((c) => prop(c, 'localName') == tag);
      const i = same.indexOf(e) + 1;
      // At the top of a shadow tree (or of a fragment), only that level: its querySelectorAll also
      // finds deeper elements with the same path, and `:scope >` matches nothing there.
      css.unshift((plain ? tag : CSS.escape(tag)) + (same[1] ? `:nth-of-type(${i})` : '') + (up || root.nodeType != 11 ? '' : ':not(* > *)'));
      // SVG and MathML elements are in a namespace of their own, which a bare name does not match,
      // nor does it any element of an XML document (XHTML).
      xpath.unshift((plain && e.namespaceURI == 'http://www.w3.org/1999/xhtml' && document.contentType == 'text/html' ? tag : `*[local-name()="${tag}"]`) + (same[1] ? `[${i}]` : ''));
    }
    // At the top of a shadow tree, on to its host in the tree above.
    (e = up || host) && !up && css.unshift('>>>');
  }
  const out: Selectors = { css: css.join(' > ').replace(/> >>> >/g, '>>>') };
  if (tree == document) out.xpath = (anchor + xpath.join('/')).replace(/\/$/, '');
  const tid = el.getAttribute('data-testid');
  if (tid && tree.querySelectorAll(`[data-testid="${CSS.escape(tid)}"]`).length == 1) out.data_testid = tid;
  // Unique among all the elements a text can name (a link and a button both reading "Buy" share
  // it). Not looked for among more than TEXT_CHECKS of them: in a table of 50,000 cells, reading
  // every cell's text took a click's task 50 to 70 ms.
  const text = el.matches(TEXT_TAGS) && shortText(el);
  const named = text ? tree.querySelectorAll(TEXT_TAGS) : [];
  if (named.length < TEXT_CHECKS && [...named].filter((o) => shortText(o) == text).length == 1) out.text = text as string;
  return out;
};
