import { luhn } from './luhn';

/** Attribute names the page can put on an element (or an ancestor) to steer capture. */
export interface PrivacyAttributes {
  /** Values and text of the element are never recorded. */
  mask: string;
  /** The element is skipped entirely: no click, input or key events. */
  ignore: string;
}

const SENSITIVE_TYPES = /^(password|email|tel|hidden)$/;
const SENSITIVE_AUTOCOMPLETE = /cc-|password|one-time-code/;
const SENSITIVE_NAME = /pass|card|cc-?(num|number|exp)|cvv|cvc|csc|ssn|secret|token|iban|otp|^pin$/i;

export const isIgnored = (el: Element, a: PrivacyAttributes): boolean => !!el.closest(`[${a.ignore}]`);

/** Whether an element's value must be masked, before looking at the value itself. */
export function isSensitiveField(el: Element, a: PrivacyAttributes): boolean {
  const f = el as HTMLInputElement;
  return (
    !!el.closest(`[${a.mask}]`) ||
    SENSITIVE_TYPES.test(f.type || '') ||
    SENSITIVE_AUTOCOMPLETE.test((el.getAttribute('autocomplete') || '').toLowerCase()) ||
    SENSITIVE_NAME.test(f.name || '') ||
    SENSITIVE_NAME.test(el.id)
  );
}

/** Whether a value typed into `el` must be masked: a sensitive field, or a card number anywhere. */
export const mustMask = (el: Element, value: string, a: PrivacyAttributes): boolean =>
  isSensitiveField(el, a) || luhn(value);
