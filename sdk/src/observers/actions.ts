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
import { selectors } from '../selectors';
import { isIgnored, isSensitiveField, mustMask, type PrivacyAttributes } from '../sensitive';

const INPUT_DEBOUNCE_MS = 500;
const SCROLL_THROTTLE_MS = 250;
const KEY_THROTTLE_MS = 100;

const element = (t: EventTarget | null): Element | null =>
  t && (t as Node).nodeType == 1 ? (t as Element) : ((t as Node | null)?.parentElement ?? null);

const base = (el: Element) => ({ selectors: selectors(el), tag: el.localName });

function valueOf(el: Element): string | undefined {
  const f = el as HTMLInputElement;
  if (f.type == 'checkbox' || f.type == 'radio') return String(f.checked);
  return typeof f.value == 'string' ? f.value : undefined;
}

/** input/change data: the value, unless the field or the value itself is sensitive. */
export function fieldData(el: Element, a: PrivacyAttributes): Record<string, unknown> {
  const value = valueOf(el);
  const masked = value !== undefined && mustMask(el, value, a);
  const d: Record<string, unknown> = { ...base(el), input_type: (el as HTMLInputElement).type || undefined, masked };
  if (!masked) d.value = value;
  return d;
}

export function observeActions(a: PrivacyAttributes): void {
  const listen = (type: string, fn: (e: any, el: Element) => void, target: EventTarget = document) =>
    target.addEventListener(
      type,
      (e) =>
        safely(() => {
          const el = element(e.target);
          if (!el || !isIgnored(el, a)) fn(e, el!);
        }),
      { capture: true, passive: true },
    );

  listen('click', (e: MouseEvent, el) => {
    if (!el) return;
    const d: Record<string, unknown> = { ...base(el), x: e.clientX, y: e.clientY, button: e.button };
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 100);
    if (text && !el.closest(`[${a.mask}]`)) d.text = text;
    emit('action.click', d, 'click');
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
    if (pending == el) {
      clearTimeout(timer);
      pending = undefined;
    }
    if (el) emit('action.change', fieldData(el, a), 'change');
  });

  listen('submit', (_e, el) => {
    if (!el) return;
    const f = el as HTMLFormElement;
    emit('action.submit', { ...base(el), action: f.getAttribute('action') || undefined, method: f.getAttribute('method') || undefined }, 'submit');
  });

  let lastScroll = 0;
  let scrollTimer: ReturnType<typeof setTimeout> | undefined;
  const scrolled = () => {
    scrollTimer = undefined;
    lastScroll = Date.now();
    emit('action.scroll', { scroll_x: Math.round(scrollX), scroll_y: Math.round(scrollY) }, 'scroll');
  };
  // Throttled with a trailing call, so the position where scrolling stopped is always recorded.
  listen('scroll', (e: Event) => {
    if (e.target != document || scrollTimer) return;
    scrollTimer = setTimeout(() => safely(scrolled), Math.max(0, lastScroll + SCROLL_THROTTLE_MS - Date.now()));
  });

  let lastKey = 0;
  listen('keydown', (e: KeyboardEvent, el) => {
    const mods = (['ctrlKey', 'altKey', 'metaKey', 'shiftKey'] as const).filter((m) => e[m]).map((m) => m.slice(0, -3));
    const field = el && (el.matches('input,textarea,select') || (el as HTMLElement).isContentEditable);
    if (field && (isSensitiveField(el, a) || (e.key.length == 1 && !e.ctrlKey && !e.metaKey && !e.altKey))) return;
    const now = Date.now();
    if (now - lastKey < KEY_THROTTLE_MS) return;
    lastKey = now;
    const d: Record<string, unknown> = { key: e.key };
    if (el && el != document.body) d.selectors = selectors(el);
    if (mods.length) d.modifiers = mods;
    emit('action.key', d, 'keydown');
  });
}
