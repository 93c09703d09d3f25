import { luhn } from './luhn';

/** Attribute names (the options of the same name) the page can put on an element or an ancestor. */
export interface PrivacyAttributes {
  /** Values and text of the element are never recorded. */
  maskAttribute: string;
  /** The element is skipped entirely: no click, input or key events. */
  ignoreAttribute: string;
}

const SENSITIVE_TYPES = /^(password|email|tel|hidden)$/;
const SENSITIVE_AUTOCOMPLETE = /cc-|password|one-time-code/i;
const SENSITIVE_NAME = /pass|card|cc-?(num|number|exp)|cvv|cvc|csc|ssn|secret|token|iban|otp|^pin$/i;

/** Whether `el` or an ancestor carries the attribute. */
export const under = (el: Element, attribute: string): boolean => !!el.closest(`[${attribute}]`);

/** Whether an element's value must be masked, before looking at the value itself. */
export const isSensitiveField = (el: Element, a: PrivacyAttributes): boolean =>
  under(el, a.maskAttribute) ||
  SENSITIVE_TYPES.test((el as HTMLInputElement).type) ||
  SENSITIVE_AUTOCOMPLETE.test(el.getAttribute('autocomplete')!) ||
  SENSITIVE_NAME.test((el as HTMLInputElement).name) ||
  SENSITIVE_NAME.test(el.id);

/** Whether a value typed into `el` must be masked: a sensitive field, or a card number anywhere. */
export const mustMask = (el: Element, value: string, a: PrivacyAttributes): boolean => isSensitiveField(el, a) || luhn(value);
