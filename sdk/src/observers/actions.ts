/**
 * User actions → `action.click|input|change|submit|scroll|key`, from capture-phase listeners on
 * the document (they see every event, even ones the page stops). Values of sensitive fields are
 * masked (never sent); elements under the ignore attribute are skipped entirely. Input is
 * debounced per field (the value once typing pauses), scroll and keys are throttled, and keys
 * typed into sensitive fields — or printable keys typed into any field, whose text the input
 * event already carries — are never recorded.
 *
 * Sensitive fields: password, email, tel and hidden inputs, `autocomplete` cc-*, password or
 * one-time-code, a name or id that looks like a card, CVV, SSN, secret, token, PIN or IBAN or that
 * the redaction rules' JSON key patterns name (`pwd`, `api_key`, `auth`), anything under the mask
 * attribute, and a field that was any of these once (a "show password" button turns a password
 * input into a text one, typed into). In any field, a value that passes the Luhn check or holds a
 * run of seven or more digits (spaces or dashes between them) is masked: input is sampled when
 * typing pauses, so a card number may be caught half typed, before it can pass Luhn. The text of
 * an element under the mask attribute or editable (what was typed into it) is never recorded.
 *
 * Events from inside shadow DOM reach the document retargeted to the shadow host: the element is
 * taken from the event's composed path (a field inside an open shadow root is seen as the field),
 * and the mask and ignore attributes apply across shadow roots. A custom element is taken for a
 * field when keys are typed into it (a closed shadow root hides what it holds).
 */
import { clearTimer, dateNow, setTimer } from '../clock';
import { keyPattern } from 'loupe:rules';
import { emit } from '../emit';
import { on, safely } from '../guard';
import { luhn } from '../luhn';
import { selectors, textOf } from '../selectors';
import { under } from '../shadow';

/** Attribute names (the options of the same name) the page can put on an element or an ancestor. */
export interface PrivacyAttributes {
  /** Values and text of the element are never recorded. */
  maskAttribute: string;
  /** The element is skipped entirely: no click, input or key events. */
  ignoreAttribute: string;
}

const SENSITIVE_TYPES = /^(password|email|tel|hidden)$/;
const SENSITIVE_AUTOCOMPLETE = /cc-|password|one-time-code/i;
// Tested against name and id on lines of their own.
const SENSITIVE_NAME = /pass|card|cc-?(num|number|exp)|cvv|cvc|csc|ssn|secret|token|iban|otp|^pin$/im;

export const observeActions = ({ maskAttribute, ignoreAttribute }: PrivacyAttributes): void => {
  /** Fields that were sensitive once. */
  const secret = new WeakSet<Element>();
  /** Whether an element's value must be masked, before looking at the value itself. */
  const sensitive = (el: any) =>
    secret.has(el) ||
    ((under(el, maskAttribute) ||
      SENSITIVE_TYPES.test(el.type) ||
      SENSITIVE_AUTOCOMPLETE.test(el.getAttribute('autocomplete')) ||
      SENSITIVE_NAME.test(el.name + '\n' + el.id) ||
      keyPattern.test(el.name) ||
      keyPattern.test(el.id)) &&
      secret.add(el));
  /**
   * Whether an element's text is not to be recorded: masked, or editable (what was typed into it),
   * or holding an element that is (a masked name in a list item's text).
   */
  const hidesText = (el: any) => under(el, maskAttribute) || el.isContentEditable || el.querySelector(`[${maskAttribute}],[contenteditable]`);
  /** Selectors and tag; no text selector for an element whose text is not to be recorded. */
  const base = (el: any, hide = hidesText(el)) => {
    const s = selectors(el);
    if (hide) delete s.text;
    return { selectors: s, tag: el.localName };
  };
  /** input/change data: the value, unless the field or the value itself is sensitive. */
  const field = (el: any) => {
    const type = el.type;
    const value = /^(checkbox|radio)$/.test(type) ? String(el.checked) : typeof el.value == 'string' ? el.value : undefined;
    const masked = value != null && !!(sensitive(el) || luhn(value) || /\d([ -]?\d){6}/.test(value));
    const d: Record<string, unknown> = { ...base(el), input_type: type || undefined, masked };
    if (!masked) d.value = value;
    return d;
  };
  const listen = (type: string, fn: (e: any, el: any) => void) =>
    on(
      type,
      (e: Event) => {
        const t = e.composedPath()[0] as any;
        const el = t?.nodeType == 1 ? t : t?.parentElement;
        if (!el || !under(el, ignoreAttribute)) fn(e, el);
      },
      document,
      true,
    );

  listen(
    'click',
    (e: MouseEvent, el, hide = el && hidesText(el)) =>
      el && emit('action.click', { ...base(el, hide), x: e.clientX, y: e.clientY, button: e.button, text: (!hide && textOf(el, 100)) || undefined }),
  );

  // One field debounced at a time: moving to another field flushes the previous one.
  let pending: Element | undefined;
  let timer: any;
  const flushInput = () => {
    clearTimer(timer);
    if (pending) emit('action.input', field(pending));
    pending = undefined;
  };
  // Sensitivity is noted as the field is used, before a "show password" button can change its type.
  listen('focusin', (_e, el) => el && sensitive(el));
  listen('input', (_e, el) => {
    if (!el) return;
    sensitive(el);
    if (pending != el) flushInput();
    pending = el;
    clearTimer(timer);
    timer = setTimer(() => safely(flushInput), 500);
  });
  // A page hidden or left within the debounce (a tab closed, a navigation from code, a mobile
  // browser freezing it) still sends it, before the SDK's own listeners send what is queued.
  on('pagehide', flushInput);
  on('visibilitychange', () => document.hidden && flushInput(), document);
  listen('change', (_e, el) => {
    if (pending == el) clearTimer(timer), (pending = undefined);
    if (el) emit('action.change', field(el));
  });

  listen('submit', (_e, el) => el && emit('action.submit', { ...base(el), action: el.getAttribute('action') || undefined, method: el.getAttribute('method') || undefined }));

  // Throttled (250 ms) with a trailing call, so the position where scrolling stopped is recorded.
  let lastScroll = 0;
  let scrollTimer: any;
  listen('scroll', (e: Event) => {
    if (e.target != document || scrollTimer) return;
    scrollTimer = setTimer(
      () =>
        safely(() => {
          scrollTimer = 0;
          lastScroll = dateNow();
          emit('action.scroll', { scroll_x: Math.round(scrollX), scroll_y: Math.round(scrollY) });
        }),
      lastScroll + 250 - dateNow(),
    );
  });

  // Throttled to one per 100 ms.
  let lastKey = 0;
  listen('keydown', (e: KeyboardEvent, el) => {
    const mods = ['ctrl', 'alt', 'meta', 'shift'].filter((m) => (e as any)[m + 'Key']);
    const now = dateNow();
    // Printable: one character, typed with Shift at most.
    if (el && (el.matches('input,textarea,select') || el.isContentEditable || el.localName.includes('-')) && (sensitive(el) || (e.key.length == 1 && (mods[0] || 'shift') == 'shift'))) return;
    if (now - lastKey < 100) return;
    lastKey = now;
    emit('action.key', { selectors: el && el != document.body ? selectors(el) : undefined, key: e.key, modifiers: mods[0] ? mods : undefined }, 'keydown');
  });
};
