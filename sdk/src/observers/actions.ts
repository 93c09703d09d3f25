/**
 * User actions → `action.click|input|change|submit|scroll|key`, from capture-phase listeners on
 * the document (they see every event, even ones the page stops). Values of sensitive fields are
 * masked (never sent); elements under the ignore attribute are skipped entirely. Input is
 * debounced per field (the value once typing pauses), scroll and keys are throttled, and keys
 * typed into sensitive fields — or printable keys typed into any field, whose text the input
 * event already carries — are never recorded.
 */
import { emit } from '../emit';
import { safely } from '../guard';
import { selectors, textOf } from '../selectors';
import { isSensitiveField, mustMask, under, type PrivacyAttributes } from '../sensitive';

const INPUT_DEBOUNCE_MS = 500;
const SCROLL_THROTTLE_MS = 250;
const KEY_THROTTLE_MS = 100;

const base = (el: Element) => ({ selectors: selectors(el), tag: el.localName });

/** input/change data: the value, unless the field or the value itself is sensitive. */
export function fieldData(el: Element, a: PrivacyAttributes): Record<string, unknown> {
  const f = el as HTMLInputElement;
  const value = f.type == 'checkbox' || f.type == 'radio' ? String(f.checked) : typeof f.value == 'string' ? f.value : undefined;
  const masked = value != null && mustMask(el, value, a);
  const d: Record<string, unknown> = { ...base(el), input_type: f.type || undefined, masked };
  if (!masked) d.value = value;
  return d;
}

export function observeActions(a: PrivacyAttributes): void {
  const listen = (type: string, fn: (e: any, el: Element) => void) =>
    document.addEventListener(
      type,
      (e) =>
        safely(() => {
          const t = e.target as Element;
          const el = t && t.nodeType == 1 ? t : (t as Node)?.parentElement;
          if (!el || !under(el, a.ignoreAttribute)) fn(e, el!);
        }),
      { capture: true, passive: true },
    );

  listen('click', (e: MouseEvent, el) => {
    if (el) {
      const d: Record<string, unknown> = { ...base(el), x: e.clientX, y: e.clientY, button: e.button };
      const text = textOf(el, 100);
      if (text && !under(el, a.maskAttribute)) d.text = text;
      emit('action.click', d, 'click');
    }
  });

  // One field debounced at a time: moving to another field flushes the previous one.
  let pending: Element | undefined;
  let timer: ReturnType<typeof setTimeout>;
  const flushInput = () => {
    clearTimeout(timer);
    if (pending) emit('action.input', fieldData(pending, a), 'input');
    pending = undefined;
  };
  listen('input', (_e, el) => {
    if (!el) return;
    if (pending != el) flushInput();
    pending = el;
    timer = setTimeout(() => safely(flushInput), INPUT_DEBOUNCE_MS);
  });
  listen('change', (_e, el) => {
    if (pending == el) clearTimeout(timer), (pending = undefined);
    if (el) emit('action.change', fieldData(el, a), 'change');
  });

  listen('submit', (_e, el) => {
    if (el) emit('action.submit', { ...base(el), action: el.getAttribute('action') || undefined, method: el.getAttribute('method') || undefined }, 'submit');
  });

  // Throttled with a trailing call, so the position where scrolling stopped is always recorded.
  let lastScroll = 0;
  let scrollTimer: ReturnType<typeof setTimeout> | undefined;
  listen('scroll', (e: Event) => {
    if (e.target != document || scrollTimer) return;
    scrollTimer = setTimeout(
      () =>
        safely(() => {
          scrollTimer = undefined;
          lastScroll = Date.now();
          emit('action.scroll', { scroll_x: Math.round(scrollX), scroll_y: Math.round(scrollY) }, 'scroll');
        }),
      lastScroll + SCROLL_THROTTLE_MS - Date.now(),
    );
  });

  let lastKey = 0;
  listen('keydown', (e: KeyboardEvent, el) => {
    const mods = ['ctrl', 'alt', 'meta', 'shift'].filter((m) => (e as any)[m + 'Key']);
    const field = el && (el.matches('input,textarea,select') || (el as HTMLElement).isContentEditable);
    if (field && (isSensitiveField(el, a) || (e.key.length == 1 && !e.ctrlKey && !e.metaKey && !e.altKey))) return;
    const now = Date.now();
    if (now - lastKey < KEY_THROTTLE_MS) return;
    lastKey = now;
    emit('action.key', { selectors: el && el != document.body ? selectors(el) : undefined, key: e.key, modifiers: mods[0] ? mods : undefined }, 'keydown');
  });
}
