/**
 * Selectors for an element that each identify exactly that element in the document: a CSS path
 * anchored at the nearest ancestor with a unique id (else at <html>), using :nth-of-type where
 * siblings share a tag; the same path as XPath; the element's text and data-testid, each given
 * only when no other element shares it. No layout is read (textContent, never innerText), so
 * computing them never forces a reflow.
 */
export interface Selectors {
  css: string;
  xpath: string;
  text?: string;
  data_testid?: string;
}

const TEXT_MAX = 64;
// Tags whose text names them; for containers the text check would cost a walk of the page.
const TEXT_TAGS = /^(a|button|label|option|summary|legend|li|td|th|dt|dd|h[1-6])$/;
const esc = (s: string): string => (typeof CSS != 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/[^\w-]/g, '\\$&'));
const unique = (sel: string): boolean => document.querySelectorAll(sel).length == 1;

/** The element's whitespace-normalized text, if short enough to be a selector. */
export function textOf(el: Element): string | undefined {
  const t = (el.textContent || '').replace(/\s+/g, ' ').trim();
  return t && t.length <= TEXT_MAX ? t : undefined;
}

/** Position among same-tag siblings (1-based) and whether there are several. */
function position(e: Element): [number, boolean] {
  const p = e.parentElement;
  if (!p) return [1, false];
  let i = 0;
  let n = 0;
  for (const c of p.children) {
    if (c.localName == e.localName) {
      n++;
      if (c == e) i = n;
    }
  }
  return [i, n > 1];
}

export function selectors(el: Element): Selectors {
  const css: string[] = [];
  const xpath: string[] = [];
  let anchor = '/';
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.id && !e.id.includes('"') && unique('#' + esc(e.id))) {
      css.unshift('#' + esc(e.id));
      anchor = `//*[@id="${e.id}"]/`;
      break;
    }
    const [i, several] = position(e);
    css.unshift(e.localName + (several ? `:nth-of-type(${i})` : ''));
    xpath.unshift(e.localName + (several ? `[${i}]` : ''));
  }
  const out: Selectors = { css: css.join(' > '), xpath: (anchor + xpath.join('/')).replace(/\/$/, '') };
  const tid = el.getAttribute('data-testid');
  if (tid && !tid.includes('"') && unique(`[data-testid="${tid}"]`)) out.data_testid = tid;
  const text = TEXT_TAGS.test(el.localName) && textOf(el);
  if (text) {
    let same = 0;
    for (const o of document.getElementsByTagName(el.localName)) if (textOf(o) == text && ++same > 1) break;
    if (same == 1) out.text = text;
  }
  return out;
}
