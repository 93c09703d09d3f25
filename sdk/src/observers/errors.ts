/**
 * Uncaught errors → `error.uncaught`, failed loads of <script>/<img>/<link>/… → `error.resource`
 * (resource errors do not bubble, so the listener is on window in the capture phase), and
 * unhandled promise rejections → `error.unhandled_rejection`. Listeners only: nothing is wrapped.
 */
import { emit } from '../emit';
import { safely } from '../guard';
import { cut, STACK_BYTES } from '../limits';
import { selectors } from '../selectors';
import { asText, isError, serializeArg } from '../serialize';
import { parseStack } from '../stack';

/** name, message, stack and parsed frames of an Error-like value. */
export function errorFields(e: Error): Record<string, unknown> {
  const stack = typeof e.stack == 'string' ? e.stack : undefined;
  return {
    message: String(e.message),
    name: String(e.name),
    stack: stack && cut(stack, STACK_BYTES),
    frames: parseStack(stack),
  };
}

function onError(e: ErrorEvent | Event): void {
  const t = e.target as Element | null;
  if (t && t.nodeType == 1) {
    const url = (t as HTMLImageElement).currentSrc || (t as HTMLScriptElement).src || (t as HTMLLinkElement).href || '';
    emit('error.resource', { message: `Failed to load <${t.localName}> ${url}`, target: { tag: t.localName, url, selector: selectors(t).css } }, 'error');
    return;
  }
  const ev = e as ErrorEvent;
  const err = ev.error;
  const data: Record<string, unknown> = err && isError(err) ? errorFields(err) : { message: String(ev.message) };
  data.message ||= String(ev.message);
  data.source = ev.filename;
  data.line = ev.lineno;
  data.column = ev.colno;
  data.handled = false;
  emit('error.uncaught', data, 'error');
}

function onRejection(e: PromiseRejectionEvent): void {
  const r = e.reason;
  const data: Record<string, unknown> =
    r && typeof r == 'object' && isError(r) ? errorFields(r) : { message: asText(r, serializeArg(r, STACK_BYTES)) };
  data.handled = false;
  emit('error.unhandled_rejection', data, 'unhandledrejection');
}

export function observeErrors(): void {
  addEventListener('error', (e) => safely(() => onError(e)), true);
  addEventListener('unhandledrejection', (e) => safely(() => onRejection(e)));
}
