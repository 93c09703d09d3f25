/**
 * Selectors for an element that each identify exactly that element in the document: a CSS path
 * anchored at the nearest ancestor with a unique id (else at <html>), using :nth-of-type where
 * siblings share a tag; the same path as XPath; the element's text and data-testid, each given
 * only when no other element shares it. An id that redaction would change (an email in it) is
 * no anchor: escaped for CSS, it would no longer look like what the rules mask. No layout is read (textContent, never innerText), so
 * computing them never forces a reflow.
 */
import { redactString } from './redact';

export interface Selectors {
  css: string;
  xpath: string;
  text?: string;
  data_testid?: string;
}

// Tags whose text names them; for containers the text check would cost a walk of the page.
const TEXT_TAGS = 'a,button,label,option,summary,legend,li,td,th,dt,dd,h1,h2,h3,h4,h5,h6';
const unique = (sel: string): boolean => document.querySelectorAll(sel).length == 1;

/** The element's whitespace-normalized text, cut to `max` characters. */
export const textOf = (el: Element, max: number): string => (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, max);

/** The element's text if short enough (64 characters) to be a selector. */
const shortText = (el: Element): string | undefined => {
  const t = textOf(el, 65);
  return t.length < 65 ? t : undefined;
};

export function selectors(el: Element): Selectors {
  const css: string[] = [];
  const xpath: string[] = [];
  let anchor = '/';
  for (let e: Element | null = el; e; e = e.parentElement) {
    const id = e.id && '#' + CSS.escape(e.id);
    if (id && !e.id.includes('"') && redactString(e.id) == e.id && unique(id)) {
      css.unshift(id);
      anchor = `//*[@id="${e.id}"]/`;
      break;
    }
    // Position among same-tag siblings, when there are several.
    const same = e.parentElement ? [...e.parentElement.children].filter((c) => c.localName == e!.localName) : [];
    const i = same.indexOf(e) + 1;
    css.unshift(e.localName + (same[1] ? `:nth-of-type(${i})` : ''));
    // SVG and MathML elements are in a namespace of their own, which a bare name does not match.
    xpath.unshift((e.namespaceURI == 'http://www.w3.org/1999/xhtml' ? e.localName : `*[local-name()="${e.localName}"]`) + (same[1] ? `[${i}]` : ''));
  }
  const out: Selectors = { css: css.join(' > '), xpath: (anchor + xpath.join('/')).replace(/\/$/, '') };
  const tid = el.getAttribute('data-testid');
  if (tid && !tid.includes('"') && unique(`[data-testid="${tid}"]`)) out.data_testid = tid;
  // Unique among all the elements a text can name (a link and a button both reading "Buy" share it).
  const text = el.matches(TEXT_TAGS) && shortText(el);
  if (text && [...document.querySelectorAll(TEXT_TAGS)].filter((o) => shortText(o) == text).length == 1) out.text = text;
  return out;
}
